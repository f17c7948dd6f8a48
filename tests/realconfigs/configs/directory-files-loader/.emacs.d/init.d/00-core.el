(setq inhibit-startup-screen t)
(setq user-mail-address "raj@patel.in")
