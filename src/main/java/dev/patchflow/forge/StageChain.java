package dev.patchflow.forge;

import java.io.IOException;
import java.util.List;

/** Runs the stages in order; the last stage sends and never proceeds. */
final class StageChain implements Stage.Chain {
  private final List<Stage> stages;
  private final int index;
  private final Request request;

  StageChain(List<Stage> stages, int index, Request request) {
    this.stages = stages;
    this.index = index;
    this.request = request;
  }

  @Override
  public Request request() {
    return request;
  }

  @Override
  public Response proceed(Request next) throws IOException, GitHubException {
    if (index >= stages.size()) {
      throw new IllegalStateException("the last stage must send, not proceed");
    }
    return stages.get(index).intercept(new StageChain(stages, index + 1, next));
  }
}
