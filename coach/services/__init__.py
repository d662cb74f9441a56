"""Use cases written once and called by the command line and the app alike.

Each function takes the Store and core objects, changes what one use case changes (across
records where it must, as one change), and returns what happened for the caller to show.
Plain Python: no Textual, no click.
"""
