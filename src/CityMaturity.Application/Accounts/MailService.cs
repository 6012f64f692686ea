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
    public async Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken = default)
    {
        var message = new OutboxMessage { Id = Guid.NewGuid(), ToAddress = to, Subject = subject, Body = body, CreatedAt = clock.GetUtcNow() };
        if (!string.IsNullOrWhiteSpace(smtp.Host))
        {
            try
            {
                using var client = new SmtpClient(smtp.Host, smtp.Port) { EnableSsl = smtp.EnableSsl };
                if (!string.IsNullOrEmpty(smtp.UserName))
                {
                    client.Credentials = new NetworkCredential(smtp.UserName, smtp.Password);
                }

                using var mail = new MailMessage(smtp.From, to, subject, body);
                await client.SendMailAsync(mail, cancellationToken);
                message.SentAt = clock.GetUtcNow();
            }
            catch (SmtpException e)
            {
                message.LastError = e.Message;
                logger.LogWarning(e, "Could not send mail to {To}; it stays in the outbox", to);
            }
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.OutboxMessages.Add(message);
        await db.SaveChangesAsync(cancellationToken);
    }
}
