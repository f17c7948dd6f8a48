;;; init.el --- one file for every Emacs I use  -*- lexical-binding: t -*-

(when (version< emacs-version "26.1")
  (error "This configuration needs Emacs 26.1 or newer"))

(if (version< emacs-version "27")
    (package-initialize)
  (setq package-quickstart t))

(when (>= emacs-major-version 28)
  (setq native-comp-async-report-warnings-errors 'silent)
  (setq use-short-answers t))

(if (and (fboundp 'native-comp-available-p) (native-comp-available-p))
    (setq native-comp-deferred-compilation t)
  (message "no native compilation here"))

(unless (fboundp 'use-package)
  (message "use-package comes with Emacs 29; install it first"))

(setq user-full-name "Matías Rojas"
      user-mail-address "matias@rojas.cl")

;; Emacs 29 has setopt; before that, customize-set-variable does the same.
(cond ((fboundp 'setopt)
       (setopt smtpmail-smtp-server "smtp.zoho.com"
               smtpmail-smtp-service 465))
      (t
       (customize-set-variable 'smtpmail-smtp-server "smtp.zoho.com")
       (customize-set-variable 'smtpmail-smtp-service 465)))

(if (boundp 'smtpmail-stream-type)
    (setq smtpmail-stream-type 'ssl)
  (with-eval-after-load 'smtpmail
    (setq smtpmail-stream-type 'ssl)))

(setq send-mail-function
      (if (fboundp 'smtpmail-send-it) #'smtpmail-send-it #'sendmail-send-it))

(when (featurep 'mu4e)
  (setq mu4e-compose-format-flowed t))

(eval-and-compile
  (defvar my/work-p (string-match-p "^wk-" (system-name))))

(when my/work-p
  (setq smtpmail-smtp-user "matias.rojas@empresa.cl"))

(with-eval-after-load 'message
  (setq message-send-mail-function
        (if (>= emacs-major-version 27) #'message-send-mail-with-sendmail #'message-smtpmail-send-it)))
(require 'message)
