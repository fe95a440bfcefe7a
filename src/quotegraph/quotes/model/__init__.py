"""The attribution model at run time: features, tags, windows, word pieces, the ONNX encoder
and decoding its output into attributions. It needs onnxruntime and never torch; its training,
export and calibration are the `training` package (the `[train]` extra)."""
