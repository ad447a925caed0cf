import Testing
@testable import TorchBumpKit

@Test func spanOverlap() { #expect(Span(0, 2).overlaps(Span(1, 3))) }
