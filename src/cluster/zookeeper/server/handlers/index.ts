/** Importing this registers every opcode handler (each file registers itself). */
import './create.ts';
import './delete.ts';
import './exists.ts';
import './get-data.ts';
import './set-data.ts';
import './get-acl.ts';
import './set-acl.ts';
import './get-children.ts';
import './check.ts';
import './multi.ts';
import './multi-read.ts';
import './get-all-children-number.ts';
import './get-ephemerals.ts';
import './who-am-i.ts';
import './session-ops.ts';
import './watch-ops.ts';
import './close-session.ts';
