"""Training the attribution model (the `[train]` extra: torch, sentence-transformers): the
dataset, the network, its training, export to ONNX, calibration and the reader-acceptance fit.
The runtime model is quotes/model/, which never imports this package."""
