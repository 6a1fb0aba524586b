using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data.Configurations;

/// <summary>
/// Sender codes are never deleted (their history must stay), so every foreign key to them is
/// NO ACTION; that also keeps SQL Server free of multiple cascade paths.
/// </summary>
internal sealed class SenderCodeConfiguration : IEntityTypeConfiguration<SenderCode>
{
    public void Configure(EntityTypeBuilder<SenderCode> builder)
    {
        builder.Property(s => s.Code).HasMaxLength(20);
        builder.Property(s => s.Name).HasMaxLength(100);
        builder.Property(s => s.CountryCode).HasMaxLength(2);
        builder.Property(s => s.HelpText).HasMaxLength(480);
        builder.Property(s => s.ExtraOptOutWords).HasMaxLength(500);
        builder.Property(s => s.ExtraOptInWords).HasMaxLength(500);
        builder.Property(s => s.ExtraHelpWords).HasMaxLength(500);
        builder.Property(s => s.OptOutConfirmation).HasMaxLength(320);
        builder.HasIndex(s => s.Code).IsUnique();
    }
}
