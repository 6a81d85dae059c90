/* accord page scripts: stored-only zip archives, read and written.
 *
 * Writing lays out bytes exactly as the C tool's libzip does for a bundle
 * (stored members, "made by" UNIX, version 1.0, -rw-r--r--, the DOS time
 * made from UTC), so the same members and time give the same archive in
 * every time zone. Reading is bounded:
 *
 * It refuses what the verifier's archive walk refuses: anything but
 * contiguous stored members from offset 0, a central directory agreeing
 * with every local header, and an end record with no comment ending the
 * file; more members, a longer name or a larger extra field than the
 * page's limits allow (data-zip-max-bytes, -members, -name, -extra);
 * names that are not portable or not unique (also ignoring case);
 * encryption, data descriptors, links and directories. People are told
 * only that the file is damaged (accord.refuses.damaged); the fault is the
 * refusal's detail.
 */
(function (accord) {
  'use strict';

  const CRC_TABLE = (function () {
    const t = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      t[n] = c >>> 0;
    }
    return t;
  })();

  function crc32(bytes) {
    let c = 0xffffffff;
    for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  }

  // Every fault of an archive is told to people as damage; the fault is
  // the detail.
  function damaged(detail) { accord.refuses.damaged(detail); }

  // Checks a member name as the verifier does; returns it as a string.
  function memberName(bytes, limits) {
    if (bytes.length === 0 || bytes.length > limits.maxName) damaged('a member name is empty or too long');
    let s = '';
    for (const c of bytes) {
      if (c < 0x20 || c >= 0x7f) damaged('a member name has a control character or a non-ASCII byte');
      if (c === 0x5c || c === 0x3a) damaged('a member name has a backslash or a colon');
      s += String.fromCharCode(c);
    }
    if (s.charAt(0) === '/') damaged('a member name is an absolute path (“' + s + '”)');
    s.split('/').forEach(function (part) {
      if (part === '' || part === '.' || part === '..') damaged('a member name has an empty, “.” or “..” part (“' + s + '”)');
    });
    return s;
  }

  function sameBytes(a, b) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }

  // The central directory of the archive whose end record is at eocd.
  function centralDirectory(buf, dv, eocd, limits) {
    const u16 = function (p) { return dv.getUint16(p, true); };
    const u32 = function (p) { return dv.getUint32(p, true); };
    const n = u16(eocd + 10), cdSize = u32(eocd + 12), cdOff = u32(eocd + 16);
    if (u16(eocd + 4) !== 0 || u16(eocd + 6) !== 0 || u16(eocd + 8) !== n) damaged('multi-disk archives are refused');
    if (n === 0xffff || cdSize === 0xffffffff || cdOff === 0xffffffff) damaged('zip64 archives are refused');
    if (n === 0 || n > limits.maxMembers) damaged('the archive has ' + n + ' members (1 to ' + limits.maxMembers + ' allowed)');
    if (cdOff > eocd || cdSize !== eocd - cdOff) damaged('bytes are hidden before the end record, or it is damaged');

    const central = [], seen = new Set(); // names folded to lower case
    let pos = cdOff;
    for (let i = 0; i < n; i++) {
      if (eocd - pos < 46 || u32(pos) !== 0x02014b50) damaged('the central directory is damaged');
      const c = {
        madeBy: u16(pos + 4), flags: u16(pos + 8), method: u16(pos + 10), time: u16(pos + 12),
        date: u16(pos + 14), crc: u32(pos + 16), csize: u32(pos + 20), usize: u32(pos + 24),
        nameLen: u16(pos + 28), attr: u32(pos + 38), offset: u32(pos + 42)
      };
      const xlen = u16(pos + 30), clen = u16(pos + 32);
      if (eocd - pos - 46 < c.nameLen + xlen + clen) damaged('the central directory is damaged');
      if (u16(pos + 34) !== 0) damaged('multi-disk archives are refused');
      if (xlen > limits.maxExtra || clen !== 0) damaged('a member has a comment or an oversized extra field');
      c.nameBytes = buf.subarray(pos + 46, pos + 46 + c.nameLen);
      c.name = memberName(c.nameBytes, limits);
      if (c.flags & 0x0001) damaged('member “' + c.name + '” is encrypted');
      if (c.flags & 0x0008) damaged('member “' + c.name + '” uses a data descriptor');
      if (c.flags & ~0x0800) damaged('member “' + c.name + '” has unsupported flags');
      if (c.method !== 0) damaged('member “' + c.name + '” is compressed; a bundle stores every member uncompressed');
      if (c.csize !== c.usize) damaged('member “' + c.name + '” has inconsistent sizes');
      const type = (c.attr >>> 16) & 0xf000;
      if (c.madeBy >> 8 === 3 && type === 0xa000) damaged('member “' + c.name + '” is a symbolic link');
      if ((c.madeBy >> 8 === 3 && type === 0x4000) || (c.attr & 0x10)) damaged('member “' + c.name + '” is a directory');
      const folded = c.name.toLowerCase();
      if (seen.has(folded)) damaged('two members are named “' + c.name + '” (names must differ, also ignoring case)');
      seen.add(folded);
      central.push(c);
      pos += 46 + c.nameLen + xlen + clen;
    }
    if (pos !== eocd) damaged('bytes follow the central directory');
    return { entries: central, offset: cdOff };
  }

  // DOS date and time fields of t (seconds since 1970, UTC), clamped to
  // the years DOS times can hold.
  function dosTime(t) {
    const d = new Date(Math.min(Math.max(t, 315532800), 4354819199) * 1000);
    return {
      time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
      date: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate()
    };
  }

  accord.zip = {
    // The page's limits: {maxBytes, maxMembers, maxName, maxExtra}; throws
    // accord.ConfigError when form lacks one.
    limits: function (form) {
      return {
        maxBytes: accord.config.count(form, 'data-zip-max-bytes'),
        maxMembers: accord.config.count(form, 'data-zip-max-members'),
        maxName: accord.config.count(form, 'data-zip-max-name'),
        maxExtra: accord.config.count(form, 'data-zip-max-extra')
      };
    },

    // Returns the members of the archive in buf (a Uint8Array) as
    // [{name, data}] in archive order, or throws accord.Refused saying
    // what is wrong.
    read: function (buf, limits) {
      const len = buf.length;
      const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
      const u16 = function (p) { return dv.getUint16(p, true); };
      const u32 = function (p) { return dv.getUint32(p, true); };
      if (len > limits.maxBytes) throw new accord.Refused('the file is larger than ' + accord.dom.size(limits.maxBytes));
      if (len < 22 + 30 || u32(len - 22) !== 0x06054b50) {
        for (let p = len - 22; p >= 0 && p >= len - 22 - 65535; p--) {
          if (u32(p) === 0x06054b50) damaged('bytes follow the end of the archive (a comment or appended data)');
        }
        damaged('it is not a zip archive, or it is truncated');
      }
      if (u32(0) !== 0x04034b50) damaged('bytes come before the first member');
      const cd = centralDirectory(buf, dv, len - 22, limits);

      const members = [];
      let off = 0;
      cd.entries.forEach(function (c) {
        const room = cd.offset - off; // bytes left before the central directory
        if (c.offset !== off) damaged(c.offset > off ? 'bytes are hidden before member “' + c.name + '”' : 'member “' + c.name + '” overlaps the one before it');
        if (room < 30 || u32(off) !== 0x04034b50) damaged('the local header of member “' + c.name + '” is missing or damaged');
        const nlen = u16(off + 26), xlen = u16(off + 28);
        if (u16(off + 6) !== c.flags || u16(off + 8) !== c.method || u16(off + 10) !== c.time ||
            u16(off + 12) !== c.date || u32(off + 14) !== c.crc || u32(off + 18) !== c.csize ||
            u32(off + 22) !== c.usize || nlen !== c.nameLen || room - 30 < nlen ||
            !sameBytes(buf.subarray(off + 30, off + 30 + nlen), c.nameBytes))
          damaged('the local and central headers of member “' + c.name + '” disagree');
        if (xlen > limits.maxExtra || room - 30 - nlen < xlen + c.csize) damaged('member “' + c.name + '” overruns the central directory');
        const start = off + 30 + nlen + xlen;
        const data = buf.subarray(start, start + c.csize);
        if (crc32(data) !== c.crc) damaged('member “' + c.name + '” is damaged (its checksum does not match)');
        members.push({ name: c.name, data: data });
        off = start + c.csize;
      });
      if (off !== cd.offset) damaged('bytes are hidden between the last member and the central directory');
      return members;
    },

    // The archive of members ([{name (ASCII), data (Uint8Array)}], in that
    // order), every member's time mtime (seconds since 1970), as a Uint8Array.
    write: function (members, mtime) {
      const when = dosTime(mtime), parts = [], central = [];
      let off = 0;
      members.forEach(function (m) {
        const name = new TextEncoder().encode(m.name), crc = crc32(m.data), size = m.data.length;
        const local = new DataView(new ArrayBuffer(30));
        [[0, 0x04034b50, 4], [4, 10, 2], [10, when.time, 2], [12, when.date, 2], [14, crc, 4],
          [18, size, 4], [22, size, 4], [26, name.length, 2]].forEach(function (f) {
          if (f[2] === 4) local.setUint32(f[0], f[1], true); else local.setUint16(f[0], f[1], true);
        });
        parts.push(new Uint8Array(local.buffer), name, m.data);
        const entry = new DataView(new ArrayBuffer(46));
        [[0, 0x02014b50, 4], [4, 0x033f, 2], [6, 10, 2], [12, when.time, 2], [14, when.date, 2],
          [16, crc, 4], [20, size, 4], [24, size, 4], [28, name.length, 2], [38, 0o100644 * 65536, 4],
          [42, off, 4]].forEach(function (f) {
          if (f[2] === 4) entry.setUint32(f[0], f[1], true); else entry.setUint16(f[0], f[1], true);
        });
        central.push(new Uint8Array(entry.buffer), name);
        off += 30 + name.length + size;
      });
      const cdSize = central.reduce(function (n, p) { return n + p.length; }, 0);
      const end = new DataView(new ArrayBuffer(22));
      end.setUint32(0, 0x06054b50, true);
      end.setUint16(8, members.length, true);
      end.setUint16(10, members.length, true);
      end.setUint32(12, cdSize, true);
      end.setUint32(16, off, true);
      const all = parts.concat(central, [new Uint8Array(end.buffer)]);
      const out = new Uint8Array(off + cdSize + 22);
      let at = 0;
      all.forEach(function (p) { out.set(p, at); at += p.length; });
      return out;
    }
  };
})(window.accord);
