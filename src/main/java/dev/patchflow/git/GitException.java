package dev.patchflow.git;

import java.util.List;

/** git failed where it should not have: the command, its exit code and what it said. */
public final class GitException extends Exception {
  private final List<String> command;
  private final int exitCode;
  private final String stderr;

  public GitException(List<String> command, int exitCode, String stderr) {
    super("git " + String.join(" ", command.subList(1, command.size())) + " exited with " + exitCode
        + (stderr.isBlank() ? "" : ": " + stderr.strip()));
    this.command = List.copyOf(command);
    this.exitCode = exitCode;
    this.stderr = stderr;
  }

  public List<String> command() {
    return command;
  }

  public int exitCode() {
    return exitCode;
  }

  public String stderr() {
    return stderr;
  }
}
