using System.Globalization;
using System.Text;

namespace DelTran.Core.Tests.Iso20022.Generation;

/// <summary>How a pattern's quantifiers are resolved when a string is drawn from it.</summary>
public enum PatternCase
{
    /// <summary>Every quantifier at its minimum, the first branch of every alternation.</summary>
    Shortest,

    /// <summary>Every quantifier at its maximum (an open one at its minimum plus <see cref="RegexSubset.OpenRepeatCap"/>), the last branch.</summary>
    Longest,

    /// <summary>Quantifiers and branches drawn at random.</summary>
    Random,
}

/// <summary>
/// Generates strings matching an XSD pattern, for the subset of XSD regular expressions the ISO 20022 schemas use:
/// literals, escapes (\+, \-, \d, ...), character classes with ranges ([A-NP-Z0-9], [0-9()+\-]), groups,
/// alternation and the quantifiers ?, *, + and {n}, {n,}, {n,m}. Anything else is refused at parse time, so a new
/// pattern in a schema fails loudly instead of producing values that do not match.
/// </summary>
public sealed class RegexSubset
{
    /// <summary>How far past its minimum an open quantifier (*, +, {n,}) repeats at most.</summary>
    public const int OpenRepeatCap = 3;

    private readonly Node _root;

    private RegexSubset(string pattern, Node root)
    {
        Pattern = pattern;
        _root = root;
    }

    public string Pattern { get; }

    public static RegexSubset Parse(string pattern)
    {
        var parser = new Parser(pattern);
        Node root = parser.ParseAlternation();
        if (!parser.AtEnd)
        {
            throw new FormatException($"Pattern '{pattern}': unexpected '{pattern[parser.Position]}' at {parser.Position.ToString(CultureInfo.InvariantCulture)}.");
        }

        return new RegexSubset(pattern, root);
    }

    public string Generate(Random random, PatternCase mode)
    {
        var text = new StringBuilder();
        _root.Emit(text, random, mode);
        return text.ToString();
    }

    private abstract class Node
    {
        public abstract void Emit(StringBuilder text, Random random, PatternCase mode);
    }

    private sealed class Literal(char value) : Node
    {
        public override void Emit(StringBuilder text, Random random, PatternCase mode) => text.Append(value);
    }

    private sealed class CharClass(string members) : Node
    {
        public override void Emit(StringBuilder text, Random random, PatternCase mode) =>
            text.Append(mode switch
            {
                PatternCase.Shortest => members[0],
                PatternCase.Longest => members[^1],
                _ => members[random.Next(members.Length)],
            });
    }

    private sealed class Sequence(List<Node> items) : Node
    {
        public override void Emit(StringBuilder text, Random random, PatternCase mode)
        {
            foreach (Node item in items)
            {
                item.Emit(text, random, mode);
            }
        }
    }

    private sealed class Alternation(List<Node> branches) : Node
    {
        public override void Emit(StringBuilder text, Random random, PatternCase mode)
        {
            Node branch = mode switch
            {
                PatternCase.Shortest => branches[0],
                PatternCase.Longest => branches[^1],
                _ => branches[random.Next(branches.Count)],
            };
            branch.Emit(text, random, mode);
        }
    }

    private sealed class Repeat(Node item, int min, int? max) : Node
    {
        public override void Emit(StringBuilder text, Random random, PatternCase mode)
        {
            int upper = max ?? (min + OpenRepeatCap);
            int count = mode switch
            {
                PatternCase.Shortest => min,
                PatternCase.Longest => upper,
                _ => random.Next(min, upper + 1),
            };
            for (int i = 0; i < count; i++)
            {
                item.Emit(text, random, mode);
            }
        }
    }

    private sealed class Parser(string pattern)
    {
        public int Position { get; private set; }

        public bool AtEnd => Position >= pattern.Length;

        private char Peek => pattern[Position];

        public Node ParseAlternation()
        {
            var branches = new List<Node> { ParseSequence() };
            while (!AtEnd && Peek == '|')
            {
                Position++;
                branches.Add(ParseSequence());
            }

            return branches.Count == 1 ? branches[0] : new Alternation(branches);
        }

        private Node ParseSequence()
        {
            var items = new List<Node>();
            while (!AtEnd && Peek is not ('|' or ')'))
            {
                Node atom = ParseAtom();
                items.Add(ParseQuantifier(atom));
            }

            return items.Count == 1 ? items[0] : new Sequence(items);
        }

        private Node ParseAtom()
        {
            char c = pattern[Position++];
            switch (c)
            {
                case '(':
                    Node inner = ParseAlternation();
                    Expect(')');
                    return inner;
                case '[':
                    return ParseClass();
                case '\\':
                    string escaped = Escape();
                    return escaped.Length == 1 ? new Literal(escaped[0]) : new CharClass(escaped);
                case '.' or '^' or '$' or '{' or '}' or '?' or '*' or '+' or ']':
                    throw Unsupported(c);
                default:
                    return new Literal(c);
            }
        }

        // The characters an escape stands for: \d for the digits, any other escaped character for itself.
        private string Escape()
        {
            if (AtEnd)
            {
                throw new FormatException($"Pattern '{pattern}' ends in a backslash.");
            }

            char c = pattern[Position++];
            return c switch
            {
                'd' => "0123456789",
                _ when char.IsAsciiLetter(c) => throw Unsupported(c),
                _ => c.ToString(),
            };
        }

        private CharClass ParseClass()
        {
            if (!AtEnd && Peek == '^')
            {
                throw Unsupported('^');
            }

            var members = new StringBuilder();
            while (!AtEnd && Peek != ']')
            {
                char from = ClassChar(members);
                if (from == '\0')
                {
                    continue;
                }

                if (Position + 1 < pattern.Length && Peek == '-' && pattern[Position + 1] != ']')
                {
                    Position++;
                    char to = ClassChar(members);
                    for (char x = from; x <= to; x++)
                    {
                        members.Append(x);
                    }
                }
                else
                {
                    members.Append(from);
                }
            }

            Expect(']');
            if (members.Length == 0)
            {
                throw new FormatException($"Pattern '{pattern}' has an empty character class.");
            }

            return new CharClass(members.ToString());
        }

        // One class member; a class escape such as \d is appended whole and reported as '\0'.
        private char ClassChar(StringBuilder members)
        {
            char c = pattern[Position++];
            if (c != '\\')
            {
                return c;
            }

            string escaped = Escape();
            if (escaped.Length == 1)
            {
                return escaped[0];
            }

            members.Append(escaped);
            return '\0';
        }

        private Node ParseQuantifier(Node atom)
        {
            if (AtEnd)
            {
                return atom;
            }

            switch (Peek)
            {
                case '?':
                    Position++;
                    return new Repeat(atom, 0, 1);
                case '*':
                    Position++;
                    return new Repeat(atom, 0, null);
                case '+':
                    Position++;
                    return new Repeat(atom, 1, null);
                case '{':
                    Position++;
                    int min = Number();
                    int? max = min;
                    if (Peek == ',')
                    {
                        Position++;
                        max = Peek == '}' ? null : Number();
                    }

                    Expect('}');
                    return new Repeat(atom, min, max);
                default:
                    return atom;
            }
        }

        private int Number()
        {
            int start = Position;
            while (!AtEnd && char.IsAsciiDigit(Peek))
            {
                Position++;
            }

            return int.Parse(pattern.AsSpan(start, Position - start), NumberStyles.None, CultureInfo.InvariantCulture);
        }

        private void Expect(char c)
        {
            if (AtEnd || Peek != c)
            {
                throw new FormatException($"Pattern '{pattern}': expected '{c}' at {Position.ToString(CultureInfo.InvariantCulture)}.");
            }

            Position++;
        }

        private FormatException Unsupported(char c) =>
            new($"Pattern '{pattern}' uses '{c}', which the generator's regex subset does not support; extend {nameof(RegexSubset)}.");
    }
}
