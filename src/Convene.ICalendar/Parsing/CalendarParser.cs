using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Unicode;
using Convene.ICalendar.Text;

namespace Convene.ICalendar;

/// <summary>
/// Parses iCalendar data (RFC 5545) into the generic document model or the typed <see cref="VCalendar"/>.
/// Never throws for bad input: problems are reported in <see cref="ParseResult{T}"/> with line numbers.
/// </summary>
public static class CalendarParser
{
    private static readonly UTF8Encoding LenientUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>Parses text into the generic component tree (structure only, no value validation).</summary>
    public static ParseResult<ICalendarDocument> ParseDocument(string text, ParserOptions? options = null)
    {
        var bag = new DiagnosticBag();
        var document = Guard(bag, () => BuildDocument(text, options ?? ParserOptions.Default, bag));
        return bag.ToResult(document);
    }

    /// <summary>Parses UTF-8 bytes (a BOM is skipped) into the generic component tree.</summary>
    public static ParseResult<ICalendarDocument> ParseDocument(ReadOnlySpan<byte> utf8, ParserOptions? options = null)
    {
        var bag = new DiagnosticBag();
        var resolved = options ?? ParserOptions.Default;
        var text = Decode(utf8, resolved, bag);
        var document = text is null ? null : Guard(bag, () => BuildDocument(text, resolved, bag));
        return bag.ToResult(document);
    }

    /// <summary>Parses text into a typed calendar (the first VCALENDAR), validating values.</summary>
    public static ParseResult<VCalendar> Parse(string text, ParserOptions? options = null)
    {
        var bag = new DiagnosticBag();
        var calendar = Guard(bag, () => MapCalendar(BuildDocument(text, options ?? ParserOptions.Default, bag), bag));
        return bag.ToResult(calendar);
    }

    /// <summary>Parses UTF-8 bytes (a BOM is skipped) into a typed calendar.</summary>
    public static ParseResult<VCalendar> Parse(ReadOnlySpan<byte> utf8, ParserOptions? options = null)
    {
        var bag = new DiagnosticBag();
        var resolved = options ?? ParserOptions.Default;
        var text = Decode(utf8, resolved, bag);
        var calendar = text is null ? null : Guard(bag, () => MapCalendar(BuildDocument(text, resolved, bag), bag));
        return bag.ToResult(calendar);
    }

    /// <summary>Reads at most <see cref="ParserOptions.MaxInputBytes"/> from a stream and parses it into a typed calendar.</summary>
    public static async Task<ParseResult<VCalendar>> ParseAsync(Stream stream, ParserOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var resolved = options ?? ParserOptions.Default;
        var limit = resolved.MaxInputBytes;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                var bag = new DiagnosticBag();
                bag.Error(DiagnosticCode.InputTooLarge, 0, "Input exceeds " + ContentLineReader.Invariant(limit) + " bytes.");
                return bag.ToResult<VCalendar>(null);
            }

            buffer.Write(chunk, 0, read);
        }

        return Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), resolved);
    }

    private static string? Decode(ReadOnlySpan<byte> utf8, ParserOptions options, DiagnosticBag bag)
    {
        if (utf8.Length > options.MaxInputBytes)
        {
            bag.Error(DiagnosticCode.InputTooLarge, 0, "Input exceeds " + ContentLineReader.Invariant(options.MaxInputBytes) + " bytes.");
            return null;
        }

        if (utf8.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            utf8 = utf8[3..];
        }

        if (!Utf8.IsValid(utf8))
        {
            bag.Warn(DiagnosticCode.InvalidEncoding, 0, "Input is not valid UTF-8 (RFC 5545 §3.1.4 default charset); invalid bytes were replaced with U+FFFD.");
        }

        return LenientUtf8.GetString(utf8);
    }

    private static ICalendarDocument? BuildDocument(string? text, ParserOptions options, DiagnosticBag bag)
    {
        if (text is null)
        {
            bag.Error(DiagnosticCode.MissingCalendar, 0, "No input.");
            return null;
        }

        if (text.Length > options.MaxInputBytes || Encoding.UTF8.GetByteCount(text) > options.MaxInputBytes)
        {
            bag.Error(DiagnosticCode.InputTooLarge, 0, "Input exceeds " + ContentLineReader.Invariant(options.MaxInputBytes) + " bytes.");
            return null;
        }

        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var lines = ContentLineReader.Read(text, options, bag);
        if (bag.HasErrors)
        {
            return null;
        }

        var document = new ICalendarDocument();
        var stack = new List<Component>();
        var components = 0;
        foreach (var p in lines)
        {
            if (p.Name is "BEGIN" or "END")
            {
                var name = p.Value.Trim();
                if (!ContentLineReader.IsValidName(name))
                {
                    bag.Error(DiagnosticCode.MalformedLine, p.LineNumber, p.Name + " has invalid component name '" + ContentLineReader.Truncate(name) + "'.");
                    return null;
                }

                if (p.Name == "BEGIN")
                {
                    if (++components > options.MaxComponents)
                    {
                        bag.Error(DiagnosticCode.LimitExceeded, p.LineNumber, "More than " + ContentLineReader.Invariant(options.MaxComponents) + " components.");
                        return null;
                    }

                    if (stack.Count >= options.MaxNestingDepth)
                    {
                        bag.Error(DiagnosticCode.LimitExceeded, p.LineNumber, "Components nested deeper than " + ContentLineReader.Invariant(options.MaxNestingDepth) + ".");
                        return null;
                    }

                    var component = new Component(name) { LineNumber = p.LineNumber };
                    (stack.Count > 0 ? stack[^1].Components : document.Components).Add(component);
                    stack.Add(component);
                    continue;
                }

                if (stack.Count == 0)
                {
                    bag.Error(DiagnosticCode.UnbalancedComponent, p.LineNumber, "END:" + ContentLineReader.Truncate(name) + " without matching BEGIN.");
                    return null;
                }

                if (!string.Equals(stack[^1].Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    bag.Error(DiagnosticCode.UnbalancedComponent, p.LineNumber, "END:" + ContentLineReader.Truncate(name) + " does not close BEGIN:" + stack[^1].Name + " from line " + ContentLineReader.Invariant(stack[^1].LineNumber) + ".");
                    return null;
                }

                stack.RemoveAt(stack.Count - 1);
                continue;
            }

            if (stack.Count == 0)
            {
                bag.Error(DiagnosticCode.PropertyOutsideComponent, p.LineNumber, p.Name + " appears outside any component.");
                return null;
            }

            stack[^1].Properties.Add(p);
        }

        if (stack.Count > 0)
        {
            bag.Error(DiagnosticCode.UnbalancedComponent, stack[^1].LineNumber, "BEGIN:" + stack[^1].Name + " has no matching END.");
            return null;
        }

        if (document.Components.Count == 0)
        {
            bag.Error(DiagnosticCode.MissingCalendar, 0, "Input contains no component.");
            return null;
        }

        return document;
    }

    private static VCalendar? MapCalendar(ICalendarDocument? document, DiagnosticBag bag)
    {
        if (document is null)
        {
            return null;
        }

        var calendars = document.Components.Where(c => c.Name == "VCALENDAR").ToList();
        if (calendars.Count == 0)
        {
            bag.Error(DiagnosticCode.MissingCalendar, 0, "Input contains no VCALENDAR.");
            return null;
        }

        if (calendars.Count > 1 || document.Components.Count > 1)
        {
            bag.Warn(DiagnosticCode.Tolerated, calendars[0].LineNumber, "Input contains more than one top-level component; only the first VCALENDAR is read.");
        }

        return CalendarMapper.Map(calendars[0], bag);
    }

    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "The parser's contract is to never throw on input; a bug becomes an InternalError diagnostic.")]
    private static T? Guard<T>(DiagnosticBag bag, Func<T?> parse)
        where T : class
    {
        try
        {
            return parse();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            bag.Error(DiagnosticCode.InternalError, 0, "Parser failure (" + ex.GetType().Name + "): " + ex.Message);
            return null;
        }
    }
}
