import importlib
import pickle


def restore(blob):
    return pickle.loads(bytes.fromhex(blob))  # want: FLASKSEC-DESERIALIZE-001


class PluginLoader:
    def __init__(self, package):
        self.package = package

    def load(self, name):
        return importlib.import_module(self.package + "." + name)  # want: FLASKSEC-EVAL-001
