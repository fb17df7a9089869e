/*
 * cps-audit's test reader with a keypad: a pcscd IFD handler (pcsc-lite's ifdhandler.h, API 3).
 *
 * TEST EQUIPMENT, not part of the installed tool. No software reader offers a keypad, so the
 * tests load this one into their private pcscd (test/support/pinpad-reader.ts builds it with gcc
 * and writes its reader.conf entry).
 *
 *  - The card side speaks vsmartcard-vpcd's TCP protocol (every message a 2-byte big-endian length
 *    then the payload; 1-byte messages 00 power off, 01 power on, 02 reset, 04 get ATR): the
 *    reader listens on 127.0.0.1:<port>, a card connecting is a card inserted, the connection
 *    closing is the card removed. Every simulated card of the project works behind it.
 *  - PC/SC v2 part 10: CM_IOCTL_GET_FEATURE_REQUEST lists FEATURE_VERIFY_PIN_DIRECT,
 *    FEATURE_MODIFY_PIN_DIRECT (unless turned off), FEATURE_IFD_PIN_PROPERTIES and
 *    FEATURE_GET_TLV_PROPERTIES, with the control codes the CCID driver uses
 *    (SCARD_CTL_CODE(0x330000 + feature)).
 *  - The keypad: for each entry the reader connects to the Unix socket <keypad path> (served by the
 *    test), writes one line "ENTER <verify|old|new|confirm> min=<n> max=<n> timeout=<s>", then reads
 *    keys: '0'-'9' digits, 'O' (or '\r') the OK key, 'C' the cancel key, 'B' the correction key, 'T'
 *    the reader's timer running out now. At the end it writes "DONE <SW1SW2>" ("DONE REMOVED" when
 *    the card left). Nobody serving the socket is a keypad nobody touches: 64 00.
 *  - It builds the command from PIN_VERIFY_STRUCTURE / PIN_MODIFY_STRUCTURE as a CCID reader's
 *    firmware does (bmFormatString, bmPINBlockString, bmPINLengthFormat, wPINMaxExtraDigit,
 *    bConfirmPIN, insertion offsets, the template's padding kept), sends it once, and answers the
 *    card's response; its own answers are 64 00 (timeout), 64 01 (cancelled), 64 02 (the two new
 *    PINs differ), 64 03 (length out of range) and 6B 80 (a structure it cannot use).
 *
 * reader.conf:  DEVICENAME <port>:<keypad socket path>[:<options>]
 *   options: 'v' verify, 'm' modify (default "vm"); "v" alone is a reader that cannot build the
 *   modify/reset commands; "-" a reader without any keypad feature.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <PCSC/ifdhandler.h>
#include <PCSC/reader.h>

#define MAX_READERS 4
#define IOCTL_FEATURE(f) SCARD_CTL_CODE(0x330000 + (f))
#define CARD_TIMEOUT_MS 15000
#define DEFAULT_PIN_TIMEOUT_S 30
#define READER_MIN_PIN 4
#define READER_MAX_PIN 12
#define VENDOR_ID 0x1209 /* pid.codes, test PIDs */
#define PRODUCT_ID 0x0007
#define FIRMWARE "cps-audit test pinpad 1"

struct reader {
	int used;
	int port;
	char keypad[sizeof(((struct sockaddr_un *)0)->sun_path)];
	int verify, modify;
	int listen_fd;
	int card_fd;
	unsigned char atr[MAX_ATR_SIZE];
	DWORD atr_len;
};

static struct reader readers[MAX_READERS];

static struct reader *get(DWORD lun)
{
	unsigned i = (lun >> 16) % MAX_READERS;
	return readers[i].used ? &readers[i] : NULL;
}

static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* ---- the card's side: vpcd's framing ---------------------------------------------------- */

static void card_gone(struct reader *r)
{
	if (r->card_fd >= 0) close(r->card_fd);
	r->card_fd = -1;
	r->atr_len = 0;
}

static int write_all(int fd, const unsigned char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
		if (w < 0 && errno == EINTR) continue;
		if (w <= 0) return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static int read_all(int fd, unsigned char *p, size_t n, int timeout_ms)
{
	long end = now_ms() + timeout_ms;
	while (n > 0) {
		struct pollfd pfd = { fd, POLLIN, 0 };
		long left = end - now_ms();
		if (left <= 0) return -1;
		int k = poll(&pfd, 1, (int)left);
		if (k < 0 && errno == EINTR) continue;
		if (k <= 0) return -1;
		ssize_t got = recv(fd, p, n, 0);
		if (got < 0 && errno == EINTR) continue;
		if (got <= 0) return -1;
		p += got;
		n -= (size_t)got;
	}
	return 0;
}

static int card_send(struct reader *r, const unsigned char *msg, size_t len)
{
	unsigned char head[2] = { (unsigned char)(len >> 8), (unsigned char)len };
	if (r->card_fd < 0) return -1;
	if (write_all(r->card_fd, head, 2) < 0 || write_all(r->card_fd, msg, len) < 0) {
		card_gone(r);
		return -1;
	}
	return 0;
}

/* Receives one message; returns its length, or -1 (the card is then gone). */
static long card_recv(struct reader *r, unsigned char *buf, size_t max)
{
	unsigned char head[2];
	if (r->card_fd < 0) return -1;
	if (read_all(r->card_fd, head, 2, CARD_TIMEOUT_MS) < 0) goto gone;
	size_t len = ((size_t)head[0] << 8) | head[1];
	if (len > max) goto gone;
	if (read_all(r->card_fd, buf, len, CARD_TIMEOUT_MS) < 0) goto gone;
	return (long)len;
gone:
	card_gone(r);
	return -1;
}

/* A command APDU to the card, its response back: length, or -1 when the card left. */
static long card_apdu(struct reader *r, const unsigned char *cmd, size_t len, unsigned char *rsp, size_t max)
{
	if (card_send(r, cmd, len) < 0) return -1;
	return card_recv(r, rsp, max);
}

static int card_still_there(struct reader *r)
{
	unsigned char b;
	if (r->card_fd < 0) return 0;
	ssize_t k = recv(r->card_fd, &b, 1, MSG_PEEK | MSG_DONTWAIT);
	if (k == 0 || (k < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
		card_gone(r);
		return 0;
	}
	return 1;
}

/* ---- the IFD handler API -------------------------------------------------------------- */

RESPONSECODE IFDHCreateChannelByName(DWORD Lun, LPSTR DeviceName)
{
	unsigned i = (Lun >> 16) % MAX_READERS;
	struct reader *r = &readers[i];
	char opts[16] = "vm";
	memset(r, 0, sizeof *r);
	r->card_fd = -1;
	r->listen_fd = -1;
	const char *colon = strchr(DeviceName, ':');
	if (!colon) return IFD_COMMUNICATION_ERROR;
	r->port = atoi(DeviceName);
	const char *path = colon + 1;
	const char *colon2 = strchr(path, ':');
	size_t plen = colon2 ? (size_t)(colon2 - path) : strlen(path);
	if (r->port <= 0 || r->port > 65535 || plen == 0 || plen >= sizeof r->keypad) return IFD_COMMUNICATION_ERROR;
	memcpy(r->keypad, path, plen);
	if (colon2) snprintf(opts, sizeof opts, "%s", colon2 + 1);
	r->verify = strchr(opts, 'v') != NULL;
	r->modify = strchr(opts, 'm') != NULL;

	int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0) return IFD_COMMUNICATION_ERROR;
	int one = 1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	struct sockaddr_in a = { 0 };
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t)r->port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(fd, (struct sockaddr *)&a, sizeof a) < 0 || listen(fd, 1) < 0) {
		close(fd);
		return IFD_COMMUNICATION_ERROR;
	}
	r->listen_fd = fd;
	r->used = 1;
	return IFD_SUCCESS;
}

RESPONSECODE IFDHCreateChannel(DWORD Lun, DWORD Channel)
{
	(void)Lun;
	(void)Channel;
	return IFD_COMMUNICATION_ERROR; /* a DEVICENAME is required */
}

RESPONSECODE IFDHCloseChannel(DWORD Lun)
{
	struct reader *r = get(Lun);
	if (!r) return IFD_SUCCESS;
	card_gone(r);
	if (r->listen_fd >= 0) close(r->listen_fd);
	r->used = 0;
	return IFD_SUCCESS;
}

RESPONSECODE IFDHGetCapabilities(DWORD Lun, DWORD Tag, PDWORD Length, PUCHAR Value)
{
	struct reader *r = get(Lun);
	if (!r) return IFD_COMMUNICATION_ERROR;
	switch (Tag) {
	case TAG_IFD_ATR:
		if (*Length < r->atr_len) return IFD_ERROR_INSUFFICIENT_BUFFER;
		memcpy(Value, r->atr, r->atr_len);
		*Length = r->atr_len;
		return IFD_SUCCESS;
	case TAG_IFD_SLOTS_NUMBER:
		if (*Length < 1) return IFD_ERROR_INSUFFICIENT_BUFFER;
		Value[0] = 1;
		*Length = 1;
		return IFD_SUCCESS;
	case TAG_IFD_SIMULTANEOUS_ACCESS:
		if (*Length < 1) return IFD_ERROR_INSUFFICIENT_BUFFER;
		Value[0] = MAX_READERS;
		*Length = 1;
		return IFD_SUCCESS;
	default:
		return IFD_ERROR_TAG;
	}
}

RESPONSECODE IFDHSetCapabilities(DWORD Lun, DWORD Tag, DWORD Length, PUCHAR Value)
{
	(void)Lun;
	(void)Tag;
	(void)Length;
	(void)Value;
	return IFD_NOT_SUPPORTED;
}

RESPONSECODE IFDHSetProtocolParameters(DWORD Lun, DWORD Protocol, UCHAR Flags, UCHAR PTS1, UCHAR PTS2, UCHAR PTS3)
{
	(void)Lun;
	(void)Flags;
	(void)PTS1;
	(void)PTS2;
	(void)PTS3;
	return Protocol == SCARD_PROTOCOL_T0 || Protocol == SCARD_PROTOCOL_T1 ? IFD_SUCCESS : IFD_PROTOCOL_NOT_SUPPORTED;
}

RESPONSECODE IFDHPowerICC(DWORD Lun, DWORD Action, PUCHAR Atr, PDWORD AtrLength)
{
	struct reader *r = get(Lun);
	unsigned char msg;
	if (!r) return IFD_COMMUNICATION_ERROR;
	if (Action == IFD_POWER_DOWN) {
		msg = 0x00;
		card_send(r, &msg, 1);
		r->atr_len = 0;
		if (AtrLength) *AtrLength = 0;
		return IFD_SUCCESS;
	}
	if (Action != IFD_POWER_UP && Action != IFD_RESET) return IFD_NOT_SUPPORTED;
	msg = Action == IFD_RESET ? 0x02 : 0x01;
	unsigned char get_atr = 0x04;
	if (card_send(r, &msg, 1) < 0 || card_send(r, &get_atr, 1) < 0) return IFD_ERROR_POWER_ACTION;
	long n = card_recv(r, r->atr, sizeof r->atr);
	if (n <= 0) return IFD_ERROR_POWER_ACTION;
	r->atr_len = (DWORD)n;
	if (Atr && AtrLength) {
		memcpy(Atr, r->atr, r->atr_len);
		*AtrLength = r->atr_len;
	}
	return IFD_SUCCESS;
}

RESPONSECODE IFDHTransmitToICC(DWORD Lun, SCARD_IO_HEADER SendPci, PUCHAR TxBuffer, DWORD TxLength, PUCHAR RxBuffer,
			       PDWORD RxLength, PSCARD_IO_HEADER RecvPci)
{
	struct reader *r = get(Lun);
	(void)SendPci;
	(void)RecvPci;
	if (!r) return IFD_COMMUNICATION_ERROR;
	long n = card_apdu(r, TxBuffer, TxLength, RxBuffer, *RxLength);
	if (n < 0) {
		*RxLength = 0;
		return r->card_fd < 0 ? IFD_ICC_NOT_PRESENT : IFD_COMMUNICATION_ERROR;
	}
	*RxLength = (DWORD)n;
	return IFD_SUCCESS;
}

RESPONSECODE IFDHICCPresence(DWORD Lun)
{
	struct reader *r = get(Lun);
	if (!r) return IFD_COMMUNICATION_ERROR;
	if (card_still_there(r)) return IFD_ICC_PRESENT;
	int fd = accept4(r->listen_fd, NULL, NULL, SOCK_CLOEXEC);
	if (fd < 0) return IFD_ICC_NOT_PRESENT;
	int one = 1;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	r->card_fd = fd;
	return IFD_ICC_PRESENT;
}

/* ---- the keypad ------------------------------------------------------------------------- */

enum entry_end { ENTRY_OK, ENTRY_TIMEOUT, ENTRY_CANCEL, ENTRY_REMOVED };

struct entry_rules {
	int min, max;
	int timeout_s, timeout2_s;
	int validation; /* bEntryValidationCondition */
};

static int keypad_connect(struct reader *r)
{
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0) return -1;
	struct sockaddr_un a = { 0 };
	a.sun_family = AF_UNIX;
	memcpy(a.sun_path, r->keypad, strlen(r->keypad));
	if (connect(fd, (struct sockaddr *)&a, sizeof a) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static void keypad_say(int fd, const char *line)
{
	if (fd >= 0) write_all(fd, (const unsigned char *)line, strlen(line));
}

/* One entry on the keypad: digits into `digits` (at most 15), their count in *n. */
static enum entry_end keypad_entry(struct reader *r, int fd, const char *what, const struct entry_rules *rules,
				   unsigned char *digits, int *n)
{
	char line[128];
	snprintf(line, sizeof line, "ENTER %s min=%d max=%d timeout=%d\n", what, rules->min, rules->max, rules->timeout_s);
	keypad_say(fd, line);
	*n = 0;
	if (fd < 0) return ENTRY_TIMEOUT; /* nobody at the keypad */
	long deadline = now_ms() + 1000L * rules->timeout_s;
	for (;;) {
		struct pollfd p[2] = { { fd, POLLIN, 0 }, { r->card_fd, POLLIN | POLLRDHUP, 0 } };
		long left = deadline - now_ms();
		if (left <= 0) return ENTRY_TIMEOUT;
		int k = poll(p, r->card_fd >= 0 ? 2 : 1, (int)(left > 200 ? 200 : left));
		if (k < 0 && errno == EINTR) continue;
		if (!card_still_there(r)) return ENTRY_REMOVED;
		if (k <= 0 || !(p[0].revents & (POLLIN | POLLHUP))) continue;
		unsigned char key;
		ssize_t got = recv(fd, &key, 1, 0);
		if (got <= 0) return ENTRY_TIMEOUT; /* the keypad went quiet for good */
		if (key >= '0' && key <= '9') {
			if (*n < 15) digits[(*n)++] = (unsigned char)(key - '0');
			deadline = now_ms() + 1000L * rules->timeout2_s;
			if ((rules->validation & 0x01) && *n >= rules->max) return ENTRY_OK;
		} else if (key == 'B') {
			if (*n > 0) digits[--(*n)] = 0;
		} else if (key == 'O' || key == '\r') {
			if (rules->validation & 0x02) return ENTRY_OK;
		} else if (key == 'C') {
			return ENTRY_CANCEL;
		} else if (key == 'T') {
			return ENTRY_TIMEOUT;
		}
	}
}

/* ---- building the command from the structure, as a CCID reader's firmware does ---------- */

struct pin_format {
	int format;	  /* bmFormatString bits 1-0: 0 binary, 1 BCD, 2 ASCII */
	int right;	  /* bit 2: right justification */
	int pos;	  /* bits 6-3: PIN position after Lc, in bytes (bit 7 set) */
	int block;	  /* bmPINBlockString bits 3-0: PIN block size in bytes */
	int len_bits;	  /* bmPINBlockString bits 7-4: size of the PIN length field, in bits */
	int len_pos;	  /* bmPINLengthFormat bits 3-0: its position, in bytes (bit 4 set) */
};

static int parse_format(uint8_t fmt, uint8_t block, uint8_t lenfmt, struct pin_format *f)
{
	f->format = fmt & 0x03;
	f->right = (fmt >> 2) & 1;
	f->pos = (fmt >> 3) & 0x0f;
	f->block = block & 0x0f;
	f->len_bits = block >> 4;
	f->len_pos = lenfmt & 0x0f;
	if (!(fmt & 0x80)) return -1;		     /* bit units: not supported by this reader */
	if (f->format == 3) return -1;		     /* reserved */
	if (f->len_bits != 0 && (f->len_bits != 8 || !(lenfmt & 0x10))) return -1;
	return 0;
}

/* Writes the digits into apdu's body at `offset` (bytes after Lc); -1 if they do not fit. */
static int place_pin(unsigned char *apdu, size_t len, const struct pin_format *f, int offset, const unsigned char *d,
		     int n)
{
	int bytes = f->format == 1 ? (n + 1) / 2 : n;
	int block = f->block ? f->block : bytes;
	if (bytes > block) return -1;
	size_t start = 5 + (size_t)offset + (size_t)(f->right ? block - bytes : 0);
	if (5 + (size_t)offset + (size_t)block > len) return -1;
	for (int i = 0; i < n; i++) {
		if (f->format == 2) apdu[start + i] = (unsigned char)('0' + d[i]);
		else if (f->format == 0) apdu[start + i] = d[i];
		else if (i % 2 == 0) apdu[start + i / 2] = (unsigned char)((d[i] << 4) | (apdu[start + i / 2] & 0x0f));
		else apdu[start + i / 2] = (unsigned char)((apdu[start + i / 2] & 0xf0) | d[i]);
	}
	if (f->len_bits == 8) {
		if (5 + (size_t)f->len_pos >= len) return -1;
		apdu[5 + f->len_pos] = (unsigned char)n;
	}
	return 0;
}

static RESPONSECODE reply_sw(unsigned char sw1, unsigned char sw2, PUCHAR rx, DWORD rxlen, LPDWORD returned)
{
	if (rxlen < 2) return IFD_ERROR_INSUFFICIENT_BUFFER;
	rx[0] = sw1;
	rx[1] = sw2;
	*returned = 2;
	return IFD_SUCCESS;
}

static void say_done(int fd, const unsigned char *sw, int removed)
{
	char line[32];
	if (removed) snprintf(line, sizeof line, "DONE REMOVED\n");
	else snprintf(line, sizeof line, "DONE %02X%02X\n", sw[0], sw[1]);
	keypad_say(fd, line);
}

static RESPONSECODE end_entry(enum entry_end e, int fd, struct reader *r, PUCHAR rx, DWORD rxlen, LPDWORD ret)
{
	unsigned char sw[2] = { 0x64, e == ENTRY_CANCEL ? 0x01 : 0x00 };
	(void)r;
	say_done(fd, sw, e == ENTRY_REMOVED);
	if (e == ENTRY_REMOVED) return IFD_ICC_NOT_PRESENT;
	return reply_sw(sw[0], sw[1], rx, rxlen, ret);
}

/*
 * VERIFY (confirm == -1) or MODIFY (confirm = bConfirmPIN): entries on the keypad, then the
 * command, sent once. `old_off`/`new_off`: insertion offsets (MODIFY), `pin_off` for VERIFY.
 */
static RESPONSECODE pin_command(struct reader *r, int modify, const struct pin_format *f, const struct entry_rules *rules,
				int confirm, int old_off, int new_off, const unsigned char *tmpl, size_t tlen, PUCHAR rx,
				DWORD rxlen, LPDWORD ret)
{
	unsigned char old_d[16] = { 0 }, new_d[16] = { 0 }, again_d[16] = { 0 };
	int old_n = 0, new_n = 0, again_n = 0;
	unsigned char apdu[300];
	RESPONSECODE rc;
	enum entry_end e;
	int fd;

	if (tlen < 5 || tlen > sizeof apdu) return reply_sw(0x6b, 0x80, rx, rxlen, ret);
	if (rules->min < 1 || rules->max < rules->min || rules->max > 15) return reply_sw(0x6b, 0x80, rx, rxlen, ret);
	if (!card_still_there(r)) return IFD_ICC_NOT_PRESENT;
	fd = keypad_connect(r);
	if (!modify) {
		e = keypad_entry(r, fd, "verify", rules, new_d, &new_n);
	} else {
		e = ENTRY_OK;
		if (confirm & 0x02) e = keypad_entry(r, fd, "old", rules, old_d, &old_n);
		if (e == ENTRY_OK) e = keypad_entry(r, fd, "new", rules, new_d, &new_n);
		if (e == ENTRY_OK && (confirm & 0x01)) e = keypad_entry(r, fd, "confirm", rules, again_d, &again_n);
	}
	if (e != ENTRY_OK) {
		rc = end_entry(e, fd, r, rx, rxlen, ret);
		goto out;
	}
	if (new_n < rules->min || new_n > rules->max || ((confirm & 0x02) && (old_n < rules->min || old_n > rules->max))) {
		unsigned char sw[2] = { 0x64, 0x03 };
		say_done(fd, sw, 0);
		rc = reply_sw(sw[0], sw[1], rx, rxlen, ret);
		goto out;
	}
	if ((confirm & 0x01) && (again_n != new_n || memcmp(again_d, new_d, (size_t)new_n) != 0)) {
		unsigned char sw[2] = { 0x64, 0x02 };
		say_done(fd, sw, 0);
		rc = reply_sw(sw[0], sw[1], rx, rxlen, ret);
		goto out;
	}
	memcpy(apdu, tmpl, tlen);
	if ((confirm & 0x02) && place_pin(apdu, tlen, f, old_off, old_d, old_n) < 0) goto invalid;
	if (place_pin(apdu, tlen, f, new_off, new_d, new_n) < 0) goto invalid;
	{
		long n = card_apdu(r, apdu, tlen, rx, rxlen);
		if (n < 2) {
			say_done(fd, NULL, 1);
			*ret = 0;
			rc = r->card_fd < 0 ? IFD_ICC_NOT_PRESENT : IFD_COMMUNICATION_ERROR;
			goto out;
		}
		say_done(fd, rx + n - 2, 0);
		*ret = (DWORD)n;
		rc = IFD_SUCCESS;
		goto out;
	}
invalid: {
	unsigned char sw[2] = { 0x6b, 0x80 };
	say_done(fd, sw, 0);
	rc = reply_sw(sw[0], sw[1], rx, rxlen, ret);
}
out:
	memset(old_d, 0, sizeof old_d);
	memset(new_d, 0, sizeof new_d);
	memset(again_d, 0, sizeof again_d);
	memset(apdu, 0, sizeof apdu);
	if (fd >= 0) close(fd);
	return rc;
}

static uint16_t le16(const unsigned char *p) { return (uint16_t)(p[0] | (p[1] << 8)); }
static uint32_t le32(const unsigned char *p) { return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24); }

static void rules_from(struct entry_rules *rules, uint8_t t1, uint8_t t2, uint16_t extra, uint8_t validation)
{
	rules->timeout_s = t1 ? t1 : DEFAULT_PIN_TIMEOUT_S;
	rules->timeout2_s = t2 ? t2 : rules->timeout_s;
	rules->min = extra >> 8;
	rules->max = extra & 0xff;
	if (rules->min < READER_MIN_PIN) rules->min = READER_MIN_PIN;
	if (rules->max > READER_MAX_PIN) rules->max = READER_MAX_PIN;
	rules->validation = validation;
}

static RESPONSECODE verify_direct(struct reader *r, PUCHAR tx, DWORD txlen, PUCHAR rx, DWORD rxlen, LPDWORD ret)
{
	/* PIN_VERIFY_STRUCTURE: 19 bytes, then abData */
	if (txlen < 19 + 5) return reply_sw(0x6b, 0x80, rx, rxlen, ret);
	uint32_t dlen = le32(tx + 15);
	if (dlen != txlen - 19) return reply_sw(0x6b, 0x80, rx, rxlen, ret);
	struct pin_format f;
	if (parse_format(tx[2], tx[3], tx[4], &f) < 0) return reply_sw(0x6b, 0x80, rx, rxlen, ret);
	struct entry_rules rules;
	rules_from(&rules, tx[0], tx[1], le16(tx + 5), tx[7]);
	return pin_command(r, 0, &f, &rules, 0, 0, f.pos, tx + 19, dlen, rx, rxlen, ret);
}

static RESPONSECODE modify_direct(struct reader *r, PUCHAR tx, DWORD txlen, PUCHAR rx, DWORD rxlen, LPDWORD ret)
{
	/* PIN_MODIFY_STRUCTURE: 24 bytes, then abData */
	if (txlen < 24 + 5) return reply_sw(0x6b, 0x80, rx, rxlen, ret);
	uint32_t dlen = le32(tx + 20);
	if (dlen != txlen - 24) return reply_sw(0x6b, 0x80, rx, rxlen, ret);
	struct pin_format f;
	if (parse_format(tx[2], tx[3], tx[4], &f) < 0) return reply_sw(0x6b, 0x80, rx, rxlen, ret);
	struct entry_rules rules;
	rules_from(&rules, tx[0], tx[1], le16(tx + 7), tx[10]);
	uint8_t confirm = tx[9];
	if (confirm & ~0x03) return reply_sw(0x6b, 0x80, rx, rxlen, ret);
	return pin_command(r, 1, &f, &rules, confirm, tx[5], tx[6], tx + 24, dlen, rx, rxlen, ret);
}

static DWORD tlv4(PUCHAR p, uint8_t tag, uint32_t code)
{
	p[0] = tag;
	p[1] = 4;
	p[2] = (unsigned char)(code >> 24);
	p[3] = (unsigned char)(code >> 16);
	p[4] = (unsigned char)(code >> 8);
	p[5] = (unsigned char)code;
	return 6;
}

RESPONSECODE IFDHControl(DWORD Lun, DWORD dwControlCode, PUCHAR TxBuffer, DWORD TxLength, PUCHAR RxBuffer, DWORD RxLength,
			 LPDWORD pdwBytesReturned)
{
	struct reader *r = get(Lun);
	*pdwBytesReturned = 0;
	if (!r) return IFD_COMMUNICATION_ERROR;
	int keypad = r->verify || r->modify;

	if (dwControlCode == CM_IOCTL_GET_FEATURE_REQUEST) {
		unsigned char out[4 * 6];
		DWORD n = 0;
		if (r->verify) n += tlv4(out + n, FEATURE_VERIFY_PIN_DIRECT, IOCTL_FEATURE(FEATURE_VERIFY_PIN_DIRECT));
		if (r->modify) n += tlv4(out + n, FEATURE_MODIFY_PIN_DIRECT, IOCTL_FEATURE(FEATURE_MODIFY_PIN_DIRECT));
		if (keypad) n += tlv4(out + n, FEATURE_IFD_PIN_PROPERTIES, IOCTL_FEATURE(FEATURE_IFD_PIN_PROPERTIES));
		n += tlv4(out + n, FEATURE_GET_TLV_PROPERTIES, IOCTL_FEATURE(FEATURE_GET_TLV_PROPERTIES));
		if (RxLength < n) return IFD_ERROR_INSUFFICIENT_BUFFER;
		memcpy(RxBuffer, out, n);
		*pdwBytesReturned = n;
		return IFD_SUCCESS;
	}
	if (dwControlCode == IOCTL_FEATURE(FEATURE_GET_TLV_PROPERTIES)) {
		unsigned char out[64];
		DWORD n = 0;
		out[n++] = PCSCv2_PART10_PROPERTY_wLcdLayout, out[n++] = 2, out[n++] = 0, out[n++] = 0;
		if (keypad) {
			out[n++] = PCSCv2_PART10_PROPERTY_bEntryValidationCondition, out[n++] = 1, out[n++] = 0x07;
			out[n++] = PCSCv2_PART10_PROPERTY_bTimeOut2, out[n++] = 1, out[n++] = 0;
			out[n++] = PCSCv2_PART10_PROPERTY_bMinPINSize, out[n++] = 1, out[n++] = READER_MIN_PIN;
			out[n++] = PCSCv2_PART10_PROPERTY_bMaxPINSize, out[n++] = 1, out[n++] = READER_MAX_PIN;
		}
		out[n++] = PCSCv2_PART10_PROPERTY_sFirmwareID, out[n++] = (unsigned char)strlen(FIRMWARE);
		memcpy(out + n, FIRMWARE, strlen(FIRMWARE));
		n += (DWORD)strlen(FIRMWARE);
		out[n++] = PCSCv2_PART10_PROPERTY_dwMaxAPDUDataSize, out[n++] = 4;
		out[n++] = 0, out[n++] = 0, out[n++] = 0, out[n++] = 0; /* short APDUs only */
		out[n++] = PCSCv2_PART10_PROPERTY_wIdVendor, out[n++] = 2, out[n++] = VENDOR_ID & 0xff, out[n++] = VENDOR_ID >> 8;
		out[n++] = PCSCv2_PART10_PROPERTY_wIdProduct, out[n++] = 2, out[n++] = PRODUCT_ID & 0xff, out[n++] = PRODUCT_ID >> 8;
		if (RxLength < n) return IFD_ERROR_INSUFFICIENT_BUFFER;
		memcpy(RxBuffer, out, n);
		*pdwBytesReturned = n;
		return IFD_SUCCESS;
	}
	if (keypad && dwControlCode == IOCTL_FEATURE(FEATURE_IFD_PIN_PROPERTIES)) {
		if (RxLength < 4) return IFD_ERROR_INSUFFICIENT_BUFFER;
		RxBuffer[0] = 0, RxBuffer[1] = 0; /* wLcdLayout: no display */
		RxBuffer[2] = 0x07;		   /* bEntryValidationCondition */
		RxBuffer[3] = 0;		   /* bTimeOut2 */
		*pdwBytesReturned = 4;
		return IFD_SUCCESS;
	}
	if (r->verify && dwControlCode == IOCTL_FEATURE(FEATURE_VERIFY_PIN_DIRECT))
		return verify_direct(r, TxBuffer, TxLength, RxBuffer, RxLength, pdwBytesReturned);
	if (r->modify && dwControlCode == IOCTL_FEATURE(FEATURE_MODIFY_PIN_DIRECT))
		return modify_direct(r, TxBuffer, TxLength, RxBuffer, RxLength, pdwBytesReturned);
	return IFD_ERROR_NOT_SUPPORTED;
}
