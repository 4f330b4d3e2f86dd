#include "panel/store/shm_vfs.hpp"

#include <cerrno>
#include <cstdlib>
#include <dirent.h>
#include <sys/stat.h>
#include <cstring>
#include <fcntl.h>
#include <sqlite3.h>
#include <string>
#include <unistd.h>

namespace panel::store {
namespace {

// SQLite grows its -shm file sparsely (a one-byte write per 4 KiB page) and then uses it through
// mmap. On a filesystem whose blocks are smaller than a page (ext4 with 1 KiB blocks), a full
// disk leaves holes in those pages, and touching a hole raises SIGBUS: every command died with
// exit 135 (issue #18, item 10). This VFS is the default one with one change: each -shm region
// SQLite maps is allocated for real first (fallocate), so a full disk is SQLITE_FULL instead.

sqlite3_vfs* g_real = nullptr;
sqlite3_vfs g_vfs;
sqlite3_io_methods g_methods;

struct File {
  sqlite3_file base;
  const char* name;  // the database's name for a main database file (valid until xClose), else null
  sqlite3_file* real() { return reinterpret_cast<sqlite3_file*>(this + 1); }
};

File* of(sqlite3_file* f) { return reinterpret_cast<File*>(f); }
const sqlite3_io_methods* real_methods(sqlite3_file* f) { return of(f)->real()->pMethods; }

// SQLite's own descriptor for the -shm file at `path` (-1 if none is found). A descriptor of our
// own would not do: closing it would drop every POSIX lock this process holds on the file,
// SQLite's among them, and another process could then truncate the file under our mapping.
int shm_descriptor(const std::string& path)
{
  struct stat wanted {};
  if (::stat(path.c_str(), &wanted) != 0)
    return -1;
  DIR* fds = ::opendir("/proc/self/fd");
  if (!fds)
    return -1;
  int found = -1;
  while (const dirent* entry = ::readdir(fds)) {
    char* end = nullptr;
    const long fd = std::strtol(entry->d_name, &end, 10);
    struct stat st {};
    if (end != entry->d_name && *end == '\0' && fd != ::dirfd(fds) && ::fstat(static_cast<int>(fd), &st) == 0 &&
        st.st_dev == wanted.st_dev && st.st_ino == wanted.st_ino) {
      found = static_cast<int>(fd);
      break;
    }
  }
  ::closedir(fds);
  return found;
}

int shm_map(sqlite3_file* f, int region, int size, int extend, void volatile** p)
{
  const int rc = real_methods(f)->xShmMap(of(f)->real(), region, size, extend, p);
  if (rc != SQLITE_OK || !*p || !of(f)->name)
    return rc;
  const int fd = shm_descriptor(std::string(of(f)->name) + "-shm");
  if (fd < 0)
    return rc;
  // Mode 0 leaves bytes already there alone and only allocates the holes. Filesystems without
  // fallocate (EOPNOTSUPP) keep SQLite's own behaviour.
  const int done = ::fallocate(fd, 0, static_cast<off_t>(region) * size, size);
  const int error = errno;
  if (done != 0 && (error == ENOSPC || error == EDQUOT)) {
    // SQLite keeps the pointer it is given even with an error and may read through it later.
    *p = nullptr;
    return SQLITE_FULL;
  }
  return rc;
}

int close_file(sqlite3_file* f)
{
  const int rc = real_methods(f) ? real_methods(f)->xClose(of(f)->real()) : SQLITE_OK;
  f->pMethods = nullptr;
  return rc;
}

int open_file(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* f, int flags, int* out_flags)
{
  auto* file = of(f);
  file->name = (flags & SQLITE_OPEN_MAIN_DB) && name ? name : nullptr;
  f->pMethods = nullptr;
  const int rc = g_real->xOpen(g_real, name, file->real(), flags, out_flags);
  if (rc == SQLITE_OK && file->real()->pMethods)
    f->pMethods = &g_methods;
  return rc;
}

} // namespace

void install_shm_vfs()
{
  static const bool done = [] {
    g_real = sqlite3_vfs_find(nullptr);
    if (!g_real)
      return false;
    g_vfs = *g_real;
    g_vfs.zName = "panel-unix";
    g_vfs.szOsFile = static_cast<int>(sizeof(File)) + g_real->szOsFile;
    g_vfs.xOpen = open_file;
    // Everything but xOpen and xShmMap is the default VFS's own.
    g_methods.iVersion = 3;
    g_methods.xClose = close_file;
    g_methods.xRead = [](sqlite3_file* f, void* b, int n, sqlite3_int64 o) { return real_methods(f)->xRead(of(f)->real(), b, n, o); };
    g_methods.xWrite = [](sqlite3_file* f, const void* b, int n, sqlite3_int64 o) { return real_methods(f)->xWrite(of(f)->real(), b, n, o); };
    g_methods.xTruncate = [](sqlite3_file* f, sqlite3_int64 n) { return real_methods(f)->xTruncate(of(f)->real(), n); };
    g_methods.xSync = [](sqlite3_file* f, int flags) { return real_methods(f)->xSync(of(f)->real(), flags); };
    g_methods.xFileSize = [](sqlite3_file* f, sqlite3_int64* n) { return real_methods(f)->xFileSize(of(f)->real(), n); };
    g_methods.xLock = [](sqlite3_file* f, int l) { return real_methods(f)->xLock(of(f)->real(), l); };
    g_methods.xUnlock = [](sqlite3_file* f, int l) { return real_methods(f)->xUnlock(of(f)->real(), l); };
    g_methods.xCheckReservedLock = [](sqlite3_file* f, int* r) { return real_methods(f)->xCheckReservedLock(of(f)->real(), r); };
    g_methods.xFileControl = [](sqlite3_file* f, int op, void* a) { return real_methods(f)->xFileControl(of(f)->real(), op, a); };
    g_methods.xSectorSize = [](sqlite3_file* f) { return real_methods(f)->xSectorSize(of(f)->real()); };
    g_methods.xDeviceCharacteristics = [](sqlite3_file* f) { return real_methods(f)->xDeviceCharacteristics(of(f)->real()); };
    g_methods.xShmMap = shm_map;
    g_methods.xShmLock = [](sqlite3_file* f, int o, int n, int fl) { return real_methods(f)->xShmLock(of(f)->real(), o, n, fl); };
    g_methods.xShmBarrier = [](sqlite3_file* f) { real_methods(f)->xShmBarrier(of(f)->real()); };
    g_methods.xShmUnmap = [](sqlite3_file* f, int d) { return real_methods(f)->xShmUnmap(of(f)->real(), d); };
    g_methods.xFetch = [](sqlite3_file* f, sqlite3_int64 o, int n, void** p) { return real_methods(f)->xFetch(of(f)->real(), o, n, p); };
    g_methods.xUnfetch = [](sqlite3_file* f, sqlite3_int64 o, void* p) { return real_methods(f)->xUnfetch(of(f)->real(), o, p); };
    return sqlite3_vfs_register(&g_vfs, 1) == SQLITE_OK;
  }();
  (void)done;
}

} // namespace panel::store
