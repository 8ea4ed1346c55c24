"""Altair chart builders, one module per concern: a DataFrame in, a chart out.

Every chart has a title, axis titles with units, and tooltips naming the source of the figure.
"""
