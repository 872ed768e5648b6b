using Convene.Core.Appointments;
using Convene.Core.Itip;

namespace Convene.Core.Tests.Itip;

public class InvitationMailTests
{
    [Theory]
    [InlineData(ItipMethod.Request, false)]
    [InlineData(ItipMethod.Request, true)]
    [InlineData(ItipMethod.Cancel, false)]
    public void Subject_IsOneHeaderLine_WhateverLineBreaksTheTitleHolds(ItipMethod method, bool revised)
    {
        // RFC 5322 §2.2: CRLF ends a header field; a title with one must not start a Bcc header (header injection).
        var mail = InvitationMail.Compose(method, revised, "Frantz", "Frode", "Budget\r\nBcc: victim@evil.example\nX:\ty\u0000", "Mon 09:00", "<b>Room</b>", "<script>alert(1)</script>", null);

        Assert.DoesNotContain(mail.Subject, c => char.IsControl(c));
        Assert.Contains("Budget  Bcc: victim@evil.example X: y ", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", mail.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;Room&lt;/b&gt;", mail.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", mail.Html, StringComparison.Ordinal);
    }
}
