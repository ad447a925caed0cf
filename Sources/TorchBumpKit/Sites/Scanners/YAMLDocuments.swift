import Yams

/// Loads the YAML documents of a file as Yams nodes (node API, so `on:` stays a key), or reports why it cannot.
enum YAMLDocuments {
    enum Outcome {
        case documents([Node])
        /// The parse error as a diagnostic at `path:line` (from Yams' error mark).
        case broken(Diagnostic)
    }

    static func load(_ file: SourceFile) -> Outcome {
        do {
            var nodes: [Node] = []
            // Without the BOM (libyaml would read it as content); marks on line 1 then count from `contentStart`.
            let text = String(decoding: file.bytes[file.contentStart...], as: UTF8.self)
            let sequence = try Yams.compose_all(yaml: text)
            var iterator = sequence.makeIterator()
            while let node = iterator.next() { nodes.append(node) }
            if let error = iterator.error { return .broken(diagnostic(error, file)) }
            return .documents(nodes)
        } catch {
            return .broken(diagnostic(error, file))
        }
    }

    static func diagnostic(_ error: any Error, _ file: SourceFile) -> Diagnostic {
        var line = 1, column = 1
        var problem = "\(error)"
        if let e = error as? YamlError {
            switch e {
            case let .scanner(_, p, mark, _), let .parser(_, p, mark, _), let .composer(_, p, mark, _):
                line = mark.line; column = mark.column; problem = p
            case let .duplicatedKeysInMapping(duplicates, context):
                line = context.mark.line; column = context.mark.column
                problem = "duplicated mapping keys: \(duplicates.joined(separator: ", "))"
            case let .reader(p, _, _, _):
                problem = p
            default:
                break
            }
        }
        if let first = problem.split(separator: "\n").first { problem = String(first) }
        return .error("YAML does not parse: \(problem)",
                      at: SourceLocation(path: file.path, line: max(1, line), column: max(1, column)))
    }
}
