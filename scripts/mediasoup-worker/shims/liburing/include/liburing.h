/*
 * The system <liburing.h>, plus the liburing 2.4 additions mediasoup-worker
 * uses, for systems whose liburing is older (Debian 12 ships 2.3).
 * liburing >= 2.4 defines IO_URING_VERSION_MAJOR and has all of these itself.
 */
#ifndef MS_COMPAT_LIBURING_H
#define MS_COMPAT_LIBURING_H

#include_next <liburing.h>

#ifndef IO_URING_VERSION_MAJOR

#include <sys/socket.h>

// Report the system library's version (passed in by the shim's meson.build).
static inline int io_uring_major_version(void)
{
	return MS_COMPAT_LIBURING_MAJOR;
}

static inline int io_uring_minor_version(void)
{
	return MS_COMPAT_LIBURING_MINOR;
}

// Same definition as liburing 2.4: a send with a destination address.
static inline void io_uring_prep_sendto(
  struct io_uring_sqe* sqe,
  int sockfd,
  const void* buf,
  size_t len,
  int flags,
  const struct sockaddr* addr,
  socklen_t addrlen)
{
	io_uring_prep_send(sqe, sockfd, buf, len, flags);
	io_uring_prep_send_set_addr(sqe, addr, (__u16)addrlen);
}

#endif /* IO_URING_VERSION_MAJOR */

#endif /* MS_COMPAT_LIBURING_H */
