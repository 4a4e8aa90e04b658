package dev.patchflow.forge;

import java.io.IOException;

/** One step of the request pipeline (OkHttp's Interceptor): look at the request, pass it on, look at the answer. */
interface Stage {
  Response intercept(Chain chain) throws IOException, GitHubException;

  /** The rest of the pipeline below a stage. A stage may proceed more than once (retries). */
  interface Chain {
    Request request();

    Response proceed(Request request) throws IOException, GitHubException;
  }
}
