package dev.patchflow.series;

import dev.patchflow.mail.Trailer;

/** A trailer that counts for a patch, and the message it was given in. */
public record SeriesTrailer(Trailer trailer, String messageId) {}
