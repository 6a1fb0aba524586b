using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data.Configurations;

/// <summary>
/// Which sender codes a Marketer may use. The row goes with its user (cascade); sender codes are never
/// deleted, so their key is NO ACTION like every other (see <see cref="SenderCodeConfiguration"/>).
/// </summary>
internal sealed class UserSenderCodeConfiguration : IEntityTypeConfiguration<UserSenderCode>
{
    public void Configure(EntityTypeBuilder<UserSenderCode> builder)
    {
        builder.ToTable("UserSenderCodes");
        builder.HasKey(u => new { u.UserId, u.SenderCodeId });
        builder.HasOne<AppUser>().WithMany().HasForeignKey(u => u.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SenderCode>().WithMany().HasForeignKey(u => u.SenderCodeId).OnDelete(DeleteBehavior.NoAction);
        builder.HasIndex(u => u.SenderCodeId);
    }
}
