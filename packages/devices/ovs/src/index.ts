export { default as OvsLinux, parsePortTags, parseVniMapping } from "./ovs-linux.js";
export { OVS_TEMPLATES, OVS_L2VNI_TEMPLATES } from "./templates.js";
