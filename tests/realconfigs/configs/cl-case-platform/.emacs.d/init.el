;;; init.el -*- lexical-binding: t -*-
(require 'cl-lib)

(setq user-full-name "Maya Cohen")

(cl-case system-type
  (darwin
   (setq sendmail-program "/usr/local/bin/msmtp"))
  (gnu/linux
   (setq sendmail-program "/usr/bin/msmtp"))
  (t
   (setq sendmail-program "msmtp")))

(setq send-mail-function #'sendmail-send-it
      message-send-mail-function #'message-send-mail-with-sendmail)

(cl-loop for (var . val) in '((mail-specify-envelope-from . t)
                              (mail-envelope-from . header)
                              (message-sendmail-envelope-from . header))
         do (set var val))

(setq user-mail-address
      (pcase (downcase (or (getenv "USER") ""))
        ("maya" "maya@cohen.co.il")
        (_ "maya.cohen@example.org")))

(cl-pushnew "--read-envelope-from" message-sendmail-extra-arguments :test #'equal)
