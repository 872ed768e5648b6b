using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Convene.IntegrationTests.Infrastructure;

/// <summary>
/// Reads what the server wrote with independent implementations: Python's <c>email</c> package for MIME and Debian's
/// python3-icalendar for iCalendar (run with warnings as errors; every component's parse errors must be empty).
/// CI installs python3-icalendar; elsewhere the tests skip without it, on CI they fail.
/// </summary>
public static class PythonCalendar
{
    private const string Python = "/usr/bin/python3";

    private const string Script = """
        import email, json, sys
        from email import policy
        import icalendar
        def s(v): return None if v is None else str(v)
        def people(c, name):
            v = c.get(name)
            if v is None: return []
            if not isinstance(v, list): v = [v]
            return [{'address': str(a), 'cn': s(a.params.get('CN')), 'partstat': s(a.params.get('PARTSTAT')),
                     'role': s(a.params.get('ROLE')), 'cutype': s(a.params.get('CUTYPE')), 'rsvp': s(a.params.get('RSVP'))} for a in v]
        def calendar(text):
            cal = icalendar.Calendar.from_ical(text)
            out = {'method': s(cal.get('METHOD')), 'events': [], 'freebusy': [], 'errors': []}
            for c in cal.walk():
                out['errors'] += [c.name + ': ' + str(e) for e in getattr(c, 'errors', [])]
                if c.name == 'VEVENT':
                    out['events'].append({'uid': s(c.get('UID')), 'sequence': c.decoded('SEQUENCE') if 'SEQUENCE' in c else None,
                        'summary': s(c.get('SUMMARY')), 'status': s(c.get('STATUS')), 'class': s(c.get('CLASS')),
                        'start': c.decoded('DTSTART').isoformat(), 'end': c.decoded('DTEND').isoformat(),
                        'organizer': people(c, 'ORGANIZER'), 'attendees': people(c, 'ATTENDEE')})
                elif c.name == 'VFREEBUSY':
                    fb = c.get('FREEBUSY') or []
                    if not isinstance(fb, list): fb = [fb]
                    out['freebusy'].append({'attendees': people(c, 'ATTENDEE'),
                        'periods': [{'type': s(p.params.get('FBTYPE')), 'start': p.start.isoformat(), 'end': p.end.isoformat()} for p in fb]})
            return out
        with open(sys.argv[2], 'rb') as f:
            data = f.read()
        if sys.argv[1] == 'ics':
            out = calendar(data)
        else:
            msg = email.message_from_bytes(data, policy=policy.default)
            out = {'subject': s(msg['subject']), 'from': s(msg['from']), 'to': s(msg['to']), 'reply_to': s(msg['reply-to']),
                   'type': msg.get_content_type(), 'defects': [str(d) for d in msg.defects], 'parts': []}
            for part in msg.walk():
                if part.is_multipart():
                    out['defects'] += [str(d) for d in part.defects]
                    continue
                entry = {'type': part.get_content_type(), 'method': part.get_param('method'), 'text': part.get_content()}
                if entry['type'] == 'text/calendar':
                    entry['calendar'] = calendar(entry['text'])
                out['parts'].append(entry)
        sys.stdout.write(json.dumps(out))
        """;

    /// <summary>An iCalendar object as python3-icalendar reads it (method, events, free/busy, errors).</summary>
    public static JsonElement ReadCalendar(string ics) => Run("ics", Encoding.UTF8.GetBytes(ics));

    /// <summary>A raw RFC 5322 message as Python's email package reads it, with its text/calendar part parsed.</summary>
    public static JsonElement ReadMail(string raw) => Run("mail", Encoding.ASCII.GetBytes(raw));

    private static JsonElement Run(string mode, byte[] input)
    {
        Require();
        var file = Path.Combine(Path.GetTempPath(), "convene-py-" + Guid.NewGuid().ToString("N"));
        try
        {
            File.WriteAllBytes(file, input);
            var info = new ProcessStartInfo(Python)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
            };
            foreach (var arg in new[] { "-W", "error", "-c", Script, mode, file })
            {
                info.ArgumentList.Add(arg);
            }

            info.Environment["PYTHONIOENCODING"] = "utf-8";
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(60_000))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail("python did not exit.");
            }

            Assert.True(process.ExitCode == 0, $"python rejected the {mode} (exit {process.ExitCode}):\n{stderr.GetAwaiter().GetResult()}");
            var json = JsonDocument.Parse(stdout.GetAwaiter().GetResult()).RootElement.Clone();
            return json;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static void Require()
    {
        var ok = File.Exists(Python);
        if (ok)
        {
            using var probe = Process.Start(new ProcessStartInfo(Python, "-c \"import icalendar\"") { UseShellExecute = false, RedirectStandardError = true })!;
            probe.WaitForExit(60_000);
            ok = probe.ExitCode == 0;
        }

        if (ok)
        {
            return;
        }

        const string reason = "python3-icalendar is not installed (apt-get install -y python3-icalendar)";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(reason);
        }

        Assert.Skip(reason);
    }
}
