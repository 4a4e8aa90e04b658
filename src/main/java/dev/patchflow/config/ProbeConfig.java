package dev.patchflow.config;

/**
 * How a tester finds out whether it has a capability: a script that exits 0 where it has it
 * (e.g. "kvm": test -w /dev/kvm). Testers run the probes of the projects they serve when they
 * start and add the names of those that pass to their capabilities.
 */
public record ProbeConfig(String name, String script) {}
