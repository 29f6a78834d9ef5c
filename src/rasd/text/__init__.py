"""Arabic text layer: normalisation with offset maps, tokens, zones and sentences."""
