"""One module per `kiwi-bench` subcommand (see kiwi_bench.cli.COMMANDS)."""
