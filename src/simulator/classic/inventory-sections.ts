/** Location and purchasing sections, written the same way for computers and mobile devices. */
import { List, type Fields } from './document.ts';
import { bool, dates, nameOf, num, pick, text, type Data, type ReadContext } from './read.ts';

export function location(record: Data, ctx: ReadContext, base = 'location'): Fields {
  const realName = text(record, `${base}.realName`, `${base}.realname`);
  const phone = text(record, `${base}.phoneNumber`, `${base}.phone`);
  return {
    username: text(record, `${base}.username`, 'username'),
    realname: realName,
    real_name: realName,
    email_address: text(record, `${base}.emailAddress`, `${base}.email`),
    position: text(record, `${base}.position`),
    phone,
    phone_number: phone,
    department: nameOf(ctx, 'departments', pick(record, `${base}.departmentId`)),
    building: nameOf(ctx, 'buildings', pick(record, `${base}.buildingId`)),
    room: text(record, `${base}.room`),
  };
}

export function purchasing(record: Data): Fields {
  const po = dates(pick(record, 'purchasing.poDate'));
  const warranty = dates(pick(record, 'purchasing.warrantyExpiresDate', 'purchasing.warrantyDate'));
  const lease = dates(pick(record, 'purchasing.leaseExpiresDate', 'purchasing.leaseDate'));
  return {
    is_purchased: pick(record, 'purchasing.purchased') === undefined ? true : bool(record, 'purchasing.purchased'),
    is_leased: bool(record, 'purchasing.leased'),
    po_number: text(record, 'purchasing.poNumber'),
    vendor: text(record, 'purchasing.vendor'),
    applecare_id: text(record, 'purchasing.appleCareId'),
    purchase_price: text(record, 'purchasing.purchasePrice'),
    purchasing_account: text(record, 'purchasing.purchasingAccount'),
    po_date: po.plain.slice(0, 10),
    po_date_epoch: po.epoch,
    po_date_utc: po.utc,
    warranty_expires: warranty.plain.slice(0, 10),
    warranty_expires_epoch: warranty.epoch,
    warranty_expires_utc: warranty.utc,
    lease_expires: lease.plain.slice(0, 10),
    lease_expires_epoch: lease.epoch,
    lease_expires_utc: lease.utc,
    life_expectancy: num(record, 'purchasing.lifeExpectancy'),
    purchasing_contact: text(record, 'purchasing.purchasingContact'),
    attachments: new List('attachment', [], false),
  };
}
