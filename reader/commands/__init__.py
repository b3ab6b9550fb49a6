"""CLI subcommands, one module each, discovered by reader.cli (see its docstring for the contract)."""
