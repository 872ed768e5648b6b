using System.Net;
using System.Text;
using Convene.Core.Appointments;

namespace Convene.Core.Itip;

/// <summary>The human parts of an iMIP message (RFC 6047 §2.4: a text alternative SHOULD accompany text/calendar).</summary>
public sealed record MailText(string Subject, string Text, string Html);

/// <summary>Composes the subject, plain-text and HTML parts of an invitation e-mail.</summary>
public static class InvitationMail
{
    public static MailText Compose(ItipMethod method, bool revised, string recipientName, string organizerName, string title, string when, string? location, string? description, Uri? rsvpLink)
    {
        var (subject, lead) = method switch
        {
            ItipMethod.Request when revised => ($"Updated invitation: {title} @ {when}", $"{organizerName} changed the time of '{title}'. Please answer again."),
            ItipMethod.Request => ($"Invitation: {title} @ {when}", $"{organizerName} invites you to '{title}'."),
            ItipMethod.Cancel => ($"Cancelled: {title} @ {when}", $"'{title}' is cancelled for you."),
        };
        // A title may hold line breaks (it is text); in a header they would end the Subject field (RFC 5322 §2.2).
        subject = HeaderText(subject);
        var text = new StringBuilder();
        text.Append("Dear ").Append(recipientName).Append(",\r\n\r\n").Append(lead).Append("\r\n\r\n");
        text.Append("When:  ").Append(when).Append("\r\n");
        if (location is not null)
        {
            text.Append("Where: ").Append(location).Append("\r\n");
        }

        text.Append("Organizer: ").Append(organizerName).Append("\r\n");
        if (!string.IsNullOrWhiteSpace(description))
        {
            text.Append("\r\n").Append(description.ReplaceLineEndings("\r\n")).Append("\r\n");
        }

        if (rsvpLink is not null)
        {
            text.Append("\r\nAccept or decline: ").Append(rsvpLink.AbsoluteUri).Append("\r\n");
            text.Append("(Your calendar's Accept/Decline buttons work too.)\r\n");
        }

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><body>");
        html.Append("<p>Dear ").Append(Encode(recipientName)).Append(",</p><p>").Append(Encode(lead)).Append("</p>");
        html.Append("<table><tr><th align=\"left\">When</th><td>").Append(Encode(when)).Append("</td></tr>");
        if (location is not null)
        {
            html.Append("<tr><th align=\"left\">Where</th><td>").Append(Encode(location)).Append("</td></tr>");
        }

        html.Append("<tr><th align=\"left\">Organizer</th><td>").Append(Encode(organizerName)).Append("</td></tr></table>");
        if (!string.IsNullOrWhiteSpace(description))
        {
            html.Append("<p>").Append(Encode(description).ReplaceLineEndings("<br>")).Append("</p>");
        }

        if (rsvpLink is not null)
        {
            html.Append("<p><a href=\"").Append(Encode(rsvpLink.AbsoluteUri)).Append("\">Accept or decline</a></p>");
        }

        html.Append("</body></html>");
        return new MailText(subject, text.ToString(), html.ToString());
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    /// <summary>
    /// <paramref name="text"/> as one header line: CR, LF and other control characters become spaces, so text from a
    /// meeting can never end a header field and start another (header injection; RFC 5322 §2.2, §3.2.2).
    /// </summary>
    public static string HeaderText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? ' ' : source[i];
            }
        });
    }
}
