/*
 * libsrtp 3 API used by mediasoup-worker, implemented on top of libsrtp 2.
 *
 * libsrtp 3 encrypts/decrypts from an input buffer into a separate output
 * buffer with size_t lengths (and an MKI index); libsrtp 2 works in place with
 * an int length. The overloads below copy the input into the output buffer,
 * check that it has room, and call the libsrtp 2 function on it.
 */
#ifndef MS_COMPAT_SRTP3_ON_SRTP2_H
#define MS_COMPAT_SRTP3_ON_SRTP2_H

#include <srtp2/srtp.h>

#ifdef __cplusplus

#include <climits>
#include <cstddef>
#include <cstdint>
#include <cstring>

// Error codes added in libsrtp 3 (same values). Macros rather than constants,
// so this still compiles if a libsrtp 2 release ever adds them to its enum.
#define srtp_err_status_buffer_small static_cast<srtp_err_status_t>(28)
#define srtp_err_status_cryptex_err static_cast<srtp_err_status_t>(29)

namespace ms_srtp_compat
{
	// SRTCP adds a 4-byte index (E flag + SRTCP index) besides the trailer.
	constexpr size_t SrtcpIndexLen{ 4u };

	using InPlaceFn = srtp_err_status_t (*)(srtp_t, void*, int*);

	inline srtp_err_status_t Run(
	  InPlaceFn fn,
	  srtp_t ctx,
	  const uint8_t* in,
	  size_t inLen,
	  uint8_t* out,
	  size_t* outLen,
	  size_t growth)
	{
		if (inLen > static_cast<size_t>(INT_MAX) - growth)
		{
			return srtp_err_status_bad_param;
		}

		if (*outLen < inLen + growth)
		{
			return srtp_err_status_buffer_small;
		}

		if (out != in)
		{
			std::memmove(out, in, inLen);
		}

		int len = static_cast<int>(inLen);
		const srtp_err_status_t err = fn(ctx, out, &len);

		if (err == srtp_err_status_ok)
		{
			*outLen = static_cast<size_t>(len);
		}

		return err;
	}
} // namespace ms_srtp_compat

// mediasoup never configures MKIs, so mki_index is always 0 and the plain
// (non-MKI) libsrtp 2 functions are the right ones.
inline srtp_err_status_t srtp_protect(
  srtp_t ctx, const uint8_t* rtp, size_t rtpLen, uint8_t* srtp, size_t* srtpLen, size_t /*mkiIndex*/)
{
	return ms_srtp_compat::Run(
	  static_cast<ms_srtp_compat::InPlaceFn>(::srtp_protect),
	  ctx,
	  rtp,
	  rtpLen,
	  srtp,
	  srtpLen,
	  SRTP_MAX_TRAILER_LEN);
}

inline srtp_err_status_t srtp_unprotect(
  srtp_t ctx, const uint8_t* srtp, size_t srtpLen, uint8_t* rtp, size_t* rtpLen)
{
	return ms_srtp_compat::Run(
	  static_cast<ms_srtp_compat::InPlaceFn>(::srtp_unprotect), ctx, srtp, srtpLen, rtp, rtpLen, 0u);
}

inline srtp_err_status_t srtp_protect_rtcp(
  srtp_t ctx, const uint8_t* rtcp, size_t rtcpLen, uint8_t* srtcp, size_t* srtcpLen, size_t /*mkiIndex*/)
{
	return ms_srtp_compat::Run(
	  static_cast<ms_srtp_compat::InPlaceFn>(::srtp_protect_rtcp),
	  ctx,
	  rtcp,
	  rtcpLen,
	  srtcp,
	  srtcpLen,
	  SRTP_MAX_TRAILER_LEN + ms_srtp_compat::SrtcpIndexLen);
}

inline srtp_err_status_t srtp_unprotect_rtcp(
  srtp_t ctx, const uint8_t* srtcp, size_t srtcpLen, uint8_t* rtcp, size_t* rtcpLen)
{
	return ms_srtp_compat::Run(
	  static_cast<ms_srtp_compat::InPlaceFn>(::srtp_unprotect_rtcp),
	  ctx,
	  srtcp,
	  srtcpLen,
	  rtcp,
	  rtcpLen,
	  0u);
}

// Renamed in libsrtp 3. `ssrc` is in network byte order in both.
inline srtp_err_status_t srtp_stream_remove(srtp_t session, uint32_t ssrc)
{
	return srtp_remove_stream(session, ssrc);
}

#endif /* __cplusplus */

#endif /* MS_COMPAT_SRTP3_ON_SRTP2_H */
