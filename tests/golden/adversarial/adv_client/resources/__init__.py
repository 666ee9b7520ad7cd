"""One module per tag of the Adversarial \"\"\" API \\ {{ title }} {% if %}; the clients load them on first use."""
