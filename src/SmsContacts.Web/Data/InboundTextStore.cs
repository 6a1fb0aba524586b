using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data;

/// <summary>An inbound text as the webhook stores it before anything else happens.</summary>
/// <param name="ReceivedUtc">When we received it (UTC): CreatedUtc, DeliveredUtc and ApplyPendingSinceUtc.</param>
public sealed record InboundTextRow(int SenderCodeId, string Phone, string Body, string MessageSid, string? OptOutType, DateTime ReceivedUtc);

/// <summary>
/// Stores an inbound text in one INSERT of its own (autocommit: its own short transaction), unless a text
/// with its MessageSid is stored already. Written by hand rather than through EF's change tracker because
/// every inbound text pays for it while it holds SQLite's one write lock (about a third of EF's cost). The row
/// is what <see cref="Message"/> maps to: Direction Inbound, Status Received, waiting to be applied.
/// SQLite's statement is here; SQL Server's is <see cref="SqlServerSql.InsertInboundText"/>.
/// </summary>
public static class InboundTextStore
{
    private static readonly string SqliteInsert = $"""
        INSERT INTO "Messages" ("SenderCodeId", "Phone", "Direction", "Body", "CreatedUtc", "DeliveredUtc", "Status", "ProviderMessageId", "OptOutType", "ApplyPendingSinceUtc", "IsOptOutConfirmation")
        VALUES (@senderCode, @phone, {(int)MessageDirection.Inbound}, @body, @received, @received, {(int)DeliveryStatus.Received}, @sid, @optOutType, @received, 0)
        ON CONFLICT ("ProviderMessageId") DO NOTHING
        RETURNING "Id";
        """;

    /// <summary>
    /// Inserts the text on the context's open connection; returns its new Id, or null when its MessageSid was
    /// stored already (a replay). Must not run inside a transaction of the context.
    /// </summary>
    /// <exception cref="DbException">The database refused it (busy, unique race on SQL Server): try again.</exception>
    public static async Task<long?> InsertAsync(AppDbContext db, InboundTextRow row, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = db.Database.IsSqlite() ? SqliteInsert : SqlServerSql.InsertInboundText;
        Add(command, "@senderCode", DbType.Int32, row.SenderCodeId);
        Add(command, "@phone", DbType.String, row.Phone);
        Add(command, "@body", DbType.String, row.Body);
        Add(command, "@sid", DbType.String, row.MessageSid);
        Add(command, "@optOutType", DbType.String, row.OptOutType);
        Add(command, "@received", DbType.DateTime2, row.ReceivedUtc);
        var id = await command.ExecuteScalarAsync(ct);
        return id is null or DBNull ? null : Convert.ToInt64(id, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Add(DbCommand command, string name, DbType type, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
