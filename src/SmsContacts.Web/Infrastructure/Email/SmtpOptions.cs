using MimeKit;

namespace SmsContacts.Web.Infrastructure.Email;

/// <summary>
/// Where emails go (section "Smtp"). With no Host, nothing is sent: each email is written as an .eml
/// file to the data folder's mail directory, so the embedded setup works without a mail server.
/// </summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>TLS on connect for port 465, STARTTLS (required) on any other port. Off only for a local catcher such as Mailpit.</summary>
    public bool UseTls { get; set; } = true;

    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender, e.g. <c>SmsContacts &lt;no-reply@example.com&gt;</c>.</summary>
    public string From { get; set; } = "SmsContacts <no-reply@localhost>";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    public MailboxAddress FromAddress => MailboxAddress.Parse(From);

    /// <summary>The problems that would make every email fail, checked when the app starts.</summary>
    public IEnumerable<string> Problems()
    {
        if (!MailboxAddress.TryParse(From, out var from) || string.IsNullOrWhiteSpace(from.Address) || !from.Address.Contains('@'))
        {
            yield return $"Smtp:From \"{From}\" is not an email address (e.g. \"SmsContacts <no-reply@example.com>\").";
        }

        if (Port is < 1 or > 65535)
        {
            yield return $"Smtp:Port {Port} is not a TCP port (1-65535).";
        }

        if (string.IsNullOrWhiteSpace(User) != string.IsNullOrWhiteSpace(Password))
        {
            yield return "Smtp:User and Smtp:Password must be set together.";
        }

        if (!IsConfigured && !string.IsNullOrWhiteSpace(User))
        {
            yield return "Smtp:User is set but Smtp:Host is empty.";
        }
    }
}
