using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using SmsContacts.Web.Infrastructure.Configuration;

namespace SmsContacts.Web.Infrastructure.Email;

/// <summary>Sends the app's emails (export links).</summary>
public interface IEmailSender
{
    Task SendAsync(MimeMessage message, CancellationToken ct);
}

/// <summary>
/// MailKit over SMTP when Smtp:Host is set; otherwise each message is written as an .eml file to the
/// data folder's mail directory (any mail client opens it), and the exports page says where.
/// </summary>
public sealed class EmailSender(IOptions<SmtpOptions> options, DataDirectory data, TimeProvider clock, ILogger<EmailSender> logger) : IEmailSender
{
    private readonly SmtpOptions _options = options.Value;

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        if (message.From.Count == 0)
        {
            message.From.Add(_options.FromAddress);
        }

        if (!_options.IsConfigured)
        {
            // Written under a temporary name and renamed, so whoever watches the folder never opens half an email.
            var path = Path.Combine(data.Mail, $"{clock.GetUtcNow():yyyyMMdd-HHmmss}-{Guid.NewGuid():N}.eml");
            await message.WriteToAsync(path + ".partial", ct);
            File.Move(path + ".partial", path);
            logger.LogInformation("No SMTP host configured: wrote email \"{Subject}\" to {Path}", message.Subject, path);
            return;
        }

        using var client = new SmtpClient();
        var security = !_options.UseTls ? SecureSocketOptions.None
            : _options.Port == 465 ? SecureSocketOptions.SslOnConnect
            : SecureSocketOptions.StartTls;
        await client.ConnectAsync(_options.Host!, _options.Port, security, ct);
        if (!string.IsNullOrWhiteSpace(_options.User))
        {
            await client.AuthenticateAsync(_options.User, _options.Password ?? "", ct);
        }

        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
        logger.LogInformation("Sent email \"{Subject}\" to {Recipients} via {Host}", message.Subject, message.To.ToString(), _options.Host);
    }
}
