"""The local web app over a store (``dyads serve``): pages, JSON twins, local assets."""
