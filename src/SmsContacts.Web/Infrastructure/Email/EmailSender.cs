using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using SmsContacts.Web.Infrastructure.Configuration;

namespace SmsContacts.Web.Infrastructure.Email;

/// <summary>Sends the app's emails (export links, password reset links).</summary>
public interface IEmailSender
{
    /// <summary>Connects, sends one message and disconnects.</summary>
    Task SendAsync(MimeMessage message, CancellationToken ct);

    /// <summary>
    /// Connects (and signs in) now, without sending anything, so a caller can tell "the mail server cannot be
    /// reached" (this throws: nothing was sent) from a failure while the message itself was being handed over
    /// (the connection's <see cref="IEmailConnection.SendAsync"/>), after which it may or may not have been accepted.
    /// </summary>
    Task<IEmailConnection> ConnectAsync(CancellationToken ct);
}

/// <summary>An open connection to the mail server (or, with no server configured, to the mail folder).</summary>
public interface IEmailConnection : IAsyncDisposable
{
    /// <summary>Hands the message over; returns once the server accepted it (SMTP's 250 reply to DATA).</summary>
    Task SendAsync(MimeMessage message, CancellationToken ct);
}

/// <summary>
/// MailKit over SMTP when Smtp:Host is set; otherwise each message is written as an .eml file to the
/// data folder's mail directory (any mail client opens it), and the exports page says where.
/// </summary>
public sealed class EmailSender(IOptions<SmtpOptions> options, DataDirectory data, TimeProvider clock, ILogger<EmailSender> logger) : IEmailSender
{
    private readonly SmtpOptions _options = options.Value;
    private readonly DataDirectory _data = data;
    private readonly TimeProvider _clock = clock;
    private readonly ILogger<EmailSender> _logger = logger;

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        await using var connection = await ConnectAsync(ct);
        await connection.SendAsync(message, ct);
    }

    public async Task<IEmailConnection> ConnectAsync(CancellationToken ct)
    {
        if (!_options.IsConfigured)
        {
            return new MailFolder(this);
        }

        var client = new SmtpClient();
        try
        {
            var security = !_options.UseTls ? SecureSocketOptions.None
                : _options.Port == 465 ? SecureSocketOptions.SslOnConnect
                : SecureSocketOptions.StartTls;
            await client.ConnectAsync(_options.Host!, _options.Port, security, ct);
            if (!string.IsNullOrWhiteSpace(_options.User))
            {
                await client.AuthenticateAsync(_options.User, _options.Password ?? "", ct);
            }

            return new SmtpConnection(this, client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private void AddSender(MimeMessage message)
    {
        if (message.From.Count == 0)
        {
            message.From.Add(_options.FromAddress);
        }
    }

    private sealed class SmtpConnection(EmailSender owner, SmtpClient client) : IEmailConnection
    {
        public async Task SendAsync(MimeMessage message, CancellationToken ct)
        {
            owner.AddSender(message);
            await client.SendAsync(message, ct);
            owner._logger.LogInformation("Sent email \"{Subject}\" to {Recipients} via {Host}", message.Subject, message.To.ToString(), owner._options.Host);
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (client.IsConnected)
                {
                    await client.DisconnectAsync(quit: true, CancellationToken.None);
                }
            }
            catch (Exception exception) when (exception is IOException or MailKit.ProtocolException or MailKit.CommandException or OperationCanceledException)
            {
                // What was sent is sent; a server that drops the connection at QUIT changes nothing.
                owner._logger.LogDebug(exception, "Closing the SMTP connection failed");
            }
            finally
            {
                client.Dispose();
            }
        }
    }

    private sealed class MailFolder(EmailSender owner) : IEmailConnection
    {
        public async Task SendAsync(MimeMessage message, CancellationToken ct)
        {
            owner.AddSender(message);

            // Written under a temporary name and renamed, so whoever watches the folder never opens half an email.
            var path = Path.Combine(owner._data.Mail, $"{owner._clock.GetUtcNow():yyyyMMdd-HHmmss}-{Guid.NewGuid():N}.eml");
            await message.WriteToAsync(path + ".partial", ct);
            File.Move(path + ".partial", path);
            owner._logger.LogInformation("No SMTP host configured: wrote email \"{Subject}\" to {Path}", message.Subject, path);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
