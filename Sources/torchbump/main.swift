import TorchBumpKit

await TorchBump.main()
