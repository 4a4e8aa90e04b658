package dev.patchflow.config;

/**
 * A patch state beyond Patchwork's ten defaults, for the whole instance. Ids are explicit so
 * clients that hard-code them work (patchwork.kernel.org: 11 mainlined, 13 queued, ...).
 */
public record StateConfig(Integer id, String slug, String name) {}
