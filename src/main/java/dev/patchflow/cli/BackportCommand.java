package dev.patchflow.cli;

import picocli.CommandLine.Command;

/** Kernel backports into RPM spec trees (Photon OS style); each step is a subcommand. */
@Command(name = "backport", mixinStandardHelpOptions = true,
    description = "Backport upstream kernel fixes into RPM spec trees.",
    subcommands = {BackportScanCommand.class, BackportIntegrateCommand.class, BackportInstallCommand.class})
final class BackportCommand {}
