import Foundation

/// A user name and password sent as HTTP Basic authentication; its description never shows the password.
public struct BasicCredentials: Hashable, Sendable, CustomStringConvertible {
    public var username: String
    public var password: String

    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }

    /// The `Authorization` header value.
    public var authorizationHeader: String {
        "Basic " + Data("\(username):\(password)".utf8).base64EncodedString()
    }

    public var description: String { "\(username):***" }
}

/// The `machine`/`default` entries of a netrc file (`$NETRC`, else `~/.netrc`).
public struct Netrc: Hashable, Sendable {
    /// One `machine` (or `default`, when `machine` is nil) entry.
    public struct Entry: Hashable, Sendable {
        public var machine: String?
        public var login: String?
        public var password: String?

        public init(machine: String?, login: String?, password: String?) {
            self.machine = machine
            self.login = login
            self.password = password
        }
    }

    public var entries: [Entry]

    public init(entries: [Entry] = []) { self.entries = entries }

    /// The credentials for `host`: its `machine` entry, else the `default` entry; nil without a password.
    public func credentials(forHost host: String) -> BasicCredentials? {
        let h = host.lowercased()
        let entry = entries.first { $0.machine?.lowercased() == h } ?? entries.first { $0.machine == nil }
        guard let entry, let password = entry.password else { return nil }
        return BasicCredentials(username: entry.login ?? "", password: password)
    }

    /// Parses netrc text: `machine`, `default`, `login`, `password`, `account` (ignored), `macdef` (skipped),
    /// `#` comments and double-quoted tokens. Malformed input yields fewer entries, never an error.
    public static func parse(_ text: String) -> Netrc {
        var entries: [Entry] = []
        var current: Entry?
        var tokens = tokenize(text).makeIterator()
        func flush() { if let c = current { entries.append(c) }; current = nil }
        while let token = tokens.next() {
            switch token {
            case .word("machine"):
                flush()
                if case .word(let name)? = tokens.next() { current = Entry(machine: name, login: nil, password: nil) }
            case .word("default"):
                flush()
                current = Entry(machine: nil, login: nil, password: nil)
            case .word("login"):
                if case .word(let v)? = tokens.next() { current?.login = v }
            case .word("password"):
                if case .word(let v)? = tokens.next() { current?.password = v }
            case .word("account"):
                _ = tokens.next()
            case .word("macdef"):
                flush()
                _ = tokens.next()  // macro name; the body was already dropped by the tokenizer
            case .word, .macroBody:
                continue
            }
        }
        flush()
        return Netrc(entries: entries)
    }

    /// Where the netrc file is: `$NETRC`, else `$HOME/.netrc`.
    public static func path(environment: [String: String]) -> String? {
        if let p = environment["NETRC"], !p.isEmpty { return p }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.netrc" }
        return nil
    }

    /// Reads and parses the netrc file named by the environment; nil when there is none.
    public static func load(environment: [String: String], readFile: (String) -> String?) -> Netrc? {
        guard let path = path(environment: environment), let text = readFile(path) else { return nil }
        return parse(text)
    }

    private enum Token: Equatable { case word(String), macroBody }

    /// Whether the token after `previous` is a value (so `password macdef` is a password, not a macro).
    private static func isValuePosition(_ previous: Token?) -> Bool {
        guard case .word(let w)? = previous else { return false }
        return w == "machine" || w == "login" || w == "password" || w == "account"
    }

    private static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        let chars = Array(text.unicodeScalars)
        var i = 0
        var afterMacdef = 0  // counts tokens after `macdef`: the name, then the body up to a blank line
        while i < chars.count {
            let c = chars[i]
            if c == "\n" || c == " " || c == "\t" || c == "\r" { i += 1; continue }
            if c == "#" {
                while i < chars.count, chars[i] != "\n" { i += 1 }
                continue
            }
            var word = ""
            if c == "\"" {
                i += 1
                while i < chars.count, chars[i] != "\"" {
                    if chars[i] == "\\", i + 1 < chars.count { i += 1 }
                    word.unicodeScalars.append(chars[i])
                    i += 1
                }
                i += 1
            } else {
                while i < chars.count, !(chars[i] == " " || chars[i] == "\t" || chars[i] == "\n" || chars[i] == "\r") {
                    if chars[i] == "\\", i + 1 < chars.count { i += 1 }
                    word.unicodeScalars.append(chars[i])
                    i += 1
                }
            }
            tokens.append(.word(word))
            if afterMacdef == 1 {
                // Skip the macro body: everything up to and including the next empty line.
                while i < chars.count, chars[i] != "\n" { i += 1 }
                i += 1
                while i < chars.count {
                    var j = i
                    while j < chars.count, chars[j] != "\n" { j += 1 }
                    let blank = chars[i..<j].allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" }
                    i = j + 1
                    if blank { break }
                }
                tokens.append(.macroBody)
                afterMacdef = 0
            } else if word == "macdef", c != "\"", !isValuePosition(tokens.dropLast().last) {
                afterMacdef = 1
            }
        }
        return tokens
    }
}
