// Stand-in until the PEP 440 Version type lands on main.
func looksLikeVersion(_ s: String) -> Bool {
    !s.isEmpty && s.first!.isNumber && s.allSatisfy { $0.isLetter || $0.isNumber || ".+!-_".contains($0) }
}
