package dev.patchflow.forge;

/** Told about every exchange with GitHub, e.g. to count requests per cycle or feed Micrometer. */
@FunctionalInterface
public interface RequestListener {
  RequestListener NONE = e -> {};

  /** Called on the requesting thread; must be quick and must not throw. */
  void onRequest(RequestEvent event);
}
