"""The ``elconf`` subcommands, one module each (read, eval, get, show, creds, check, accounts).

Each module offers ``add_arguments(parser)`` and ``run(args) -> exit status``;
:mod:`elconf.cli` imports only the one a command line names, so ``elconf read``
never loads the evaluator.  Loading the init file from the common options is
:func:`elconf.commands.get.load_from_args`.
"""
