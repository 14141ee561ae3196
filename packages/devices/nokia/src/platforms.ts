/** The Nokia SR Linux dialect; `static platform` of the device class. */
import { srlLike } from "@ngs/core/device-kit";

export const nokiaSrl = srlLike({ name: "nokia_srl" });
