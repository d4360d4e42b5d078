print("onnxnet")
