"""The pipeline's stages, one module each; ``registry`` lists them in their standard order."""
