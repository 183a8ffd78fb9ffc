import fc from 'fast-check';
import { checkAddress, checkOutboundUrl, internalRange } from '../../domain/outbound-targets';

describe('outbound targets', () => {
  it.each([
    ['127.0.0.1', 'loopback'], ['127.8.9.1', 'loopback'], ['::1', 'loopback'], ['169.254.169.254', 'linkLocal'],
    ['10.1.2.3', 'private'], ['172.16.0.1', 'private'], ['192.168.1.1', 'private'], ['100.100.100.200', 'carrierGradeNat'],
    ['fd00:ec2::254', 'uniqueLocal'], ['fe80::1', 'linkLocal'], ['::ffff:127.0.0.1', 'loopback'], ['::ffff:169.254.169.254', 'linkLocal'],
    ['0.0.0.0', 'unspecified'], ['224.0.0.1', 'multicast'], ['::', 'unspecified'],
  ])('%s is internal (%s)', (address, range) => {
    expect(internalRange(address)).toBe(range);
    expect(checkAddress(address)).toMatchObject({ ok: false });
  });

  it('lets public addresses through', () => {
    for (const address of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111']) expect(internalRange(address)).toBeUndefined();
  });

  it.each([
    'http://127.0.0.1:8080/hook', 'http://169.254.169.254/latest/meta-data', 'file:///etc/passwd', 'gopher://example.com/',
    'http://localhost/x', 'http://api.localhost/x', 'http://[::1]/x', 'http://[fd00:ec2::254]/', 'http://0x7f000001/', 'http://2130706433/',
    'http://metadata.google.internal/', 'http://intranet/', 'https://user:pw@example.com/', 'not a url',
  ])('refuses %s at save time', (url) => {
    expect(checkOutboundUrl(url, [])).toMatchObject({ ok: false });
  });

  it('accepts public names and addresses, and internal hosts only when allow-listed (host or host:port)', () => {
    expect(checkOutboundUrl('https://hooks.example.com/dunning', [])).toEqual({ ok: true });
    expect(checkOutboundUrl('http://93.184.216.34/x', [])).toEqual({ ok: true });
    expect(checkOutboundUrl('http://127.0.0.1:8080/x', ['127.0.0.1:8080'])).toEqual({ ok: true });
    expect(checkOutboundUrl('http://127.0.0.1:8081/x', ['127.0.0.1:8080'])).toMatchObject({ ok: false });
    expect(checkOutboundUrl('http://localhost:9/x', ['localhost'])).toEqual({ ok: true });
    expect(checkOutboundUrl('file:///x', ['localhost'])).toMatchObject({ ok: false });
  });

  it('refuses every loopback and private IPv4 address whatever its spelling in the URL', () => {
    const internal = fc.oneof(
      fc.tuple(fc.constant(127), fc.nat(255), fc.nat(255), fc.nat(255)),
      fc.tuple(fc.constant(10), fc.nat(255), fc.nat(255), fc.nat(255)),
      fc.tuple(fc.constant(192), fc.constant(168), fc.nat(255), fc.nat(255)),
      fc.tuple(fc.constant(169), fc.constant(254), fc.nat(255), fc.nat(255)),
    );
    fc.assert(fc.property(internal, fc.constantFrom('dotted', 'decimal', 'mapped'), (octets, spelling) => {
      const dotted = octets.join('.');
      const host = spelling === 'dotted' ? dotted : spelling === 'decimal' ? String(octets.reduce((n, o) => n * 256 + o, 0)) : `[::ffff:${dotted}]`;
      expect(checkOutboundUrl(`http://${host}/hook`, [])).toMatchObject({ ok: false });
    }));
  });
});
