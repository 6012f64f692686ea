using System.Net;
using System.Net.Mail;
using CityMaturity.Infrastructure.Accounts;
using CityMaturity.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace CityMaturity.Application.Accounts;

public sealed class SmtpSettings
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public bool EnableSsl { get; set; } = true;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "citymaturity@localhost";
}

/// <summary>
/// Every message goes to the outbox table; when SMTP is configured (Smtp:Host) it is also sent and marked.
/// On a machine without mail, administrators read the outbox in the app, so every flow still works.
/// </summary>
public sealed class MailService(IDbContextFactory<CityMaturityDb> dbFactory, SmtpSettings smtp, TimeProvider clock, ILogger<MailService> logger)
{
    /// <param name="kind">What the message is (<see cref="OutboxKinds"/>), so the outbox can tell invitations from reminders.</param>
    public async Task SendAsync(string to, string subject, string body, string? kind = null, CancellationToken cancellationToken = default)
    {
        var message = Compose(to, subject, body, kind);
        await TrySmtpAsync(message, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.OutboxMessages.Add(message);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Adds a message to the outbox through the caller's context, so it is stored in the caller's transaction (a
    /// scheduled reminder is written together with the row that says it went out). Deliver it after the commit.
    /// </summary>
    public OutboxMessage Queue(CityMaturityDb db, string to, string subject, string body, string? kind)
    {
        var message = Compose(to, subject, body, kind);
        db.OutboxMessages.Add(message);
        return message;
    }

    /// <summary>Sends a queued (already stored) message by SMTP when configured and records the outcome.</summary>
    public async Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken = default)
    {
        if (await TrySmtpAsync(message, cancellationToken))
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await db.OutboxMessages.Where(m => m.Id == message.Id).ExecuteUpdateAsync(
                s => s.SetProperty(m => m.SentAt, message.SentAt).SetProperty(m => m.LastError, message.LastError), cancellationToken);
        }
    }

    private OutboxMessage Compose(string to, string subject, string body, string? kind) =>
        new() { Id = Guid.NewGuid(), ToAddress = to, Subject = subject, Body = body, CreatedAt = clock.GetUtcNow(), Kind = kind };

    /// <summary>Sends by SMTP when configured, recording success or the error on the message; false when there is no server.</summary>
    private async Task<bool> TrySmtpAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            return false;
        }

        try
        {
            using var client = new SmtpClient(smtp.Host, smtp.Port) { EnableSsl = smtp.EnableSsl };
            if (!string.IsNullOrEmpty(smtp.UserName))
            {
                client.Credentials = new NetworkCredential(smtp.UserName, smtp.Password);
            }

            using var mail = new MailMessage(smtp.From, message.ToAddress, message.Subject, message.Body);
            await client.SendMailAsync(mail, cancellationToken);
            message.SentAt = clock.GetUtcNow();
        }
        catch (SmtpException e)
        {
            message.LastError = e.Message;
            logger.LogWarning(e, "Could not send mail to {To}; it stays in the outbox", message.ToAddress);
        }

        return true;
    }
}
