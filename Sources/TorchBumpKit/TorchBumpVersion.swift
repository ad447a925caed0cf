/// The version of torchbump itself.
public enum TorchBumpVersion {
    public static let current = "0.1.0"
}
