#pragma once

namespace panel::store {

// Makes a VFS that allocates each region of a WAL database's -shm file before SQLite uses it the
// default for this process (once; before the first connection), so that a full disk is
// SQLITE_FULL rather than SIGBUS. See shm_vfs.cpp.
void install_shm_vfs();

} // namespace panel::store
