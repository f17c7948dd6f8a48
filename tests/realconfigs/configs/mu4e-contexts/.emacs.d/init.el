;;; init.el -*- lexical-binding: t -*-

(require 'package)
(setq package-archives '(("melpa" . "https://melpa.org/packages/")
                         ("gnu" . "https://elpa.gnu.org/packages/")))
(package-initialize)
(require 'use-package)
(setq use-package-always-ensure t)

(use-package ivy
  :diminish
  :bind (("C-s" . swiper))
  :config (ivy-mode 1))

(use-package mu4e
  :ensure nil
  :load-path "/usr/share/emacs/site-lisp/mu4e/"
  :bind ("C-c m" . mu4e)
  :config
  (setq mu4e-change-filenames-when-moving t
        mu4e-update-interval (* 10 60)
        mu4e-get-mail-command "mbsync -a"
        mu4e-maildir "~/Mail"
        mu4e-attachment-dir "~/Downloads"
        mu4e-compose-format-flowed t
        mu4e-context-policy 'pick-first
        mu4e-compose-context-policy 'ask-if-none)

  (setq mu4e-contexts
        (list
         (make-mu4e-context
          :name "Personal"
          :match-func
          (lambda (msg)
            (when msg
              (string-prefix-p "/Personal" (mu4e-message-field msg :maildir))))
          :vars '((user-mail-address . "jonas@lindqvist.se")
                  (user-full-name    . "Jonas Lindqvist")
                  (smtpmail-smtp-server . "smtp.fastmail.com")
                  (smtpmail-smtp-service . 465)
                  (smtpmail-stream-type . ssl)
                  (mu4e-drafts-folder . "/Personal/Drafts")
                  (mu4e-sent-folder   . "/Personal/Sent")
                  (mu4e-trash-folder  . "/Personal/Trash")))
         (make-mu4e-context
          :name "Work"
          :match-func
          (lambda (msg)
            (when msg
              (string-prefix-p "/Work" (mu4e-message-field msg :maildir))))
          :vars '((user-mail-address . "jonas.lindqvist@acme.se")
                  (user-full-name    . "Jonas Lindqvist")
                  (smtpmail-smtp-server . "smtp.office365.com")
                  (smtpmail-smtp-service . 587)
                  (smtpmail-stream-type . starttls)
                  (mu4e-drafts-folder . "/Work/Drafts")
                  (mu4e-sent-folder   . "/Work/Sent Items")
                  (mu4e-trash-folder  . "/Work/Deleted Items"))))))

(setq send-mail-function 'smtpmail-send-it
      message-send-mail-function 'smtpmail-send-it
      message-kill-buffer-on-exit t)

(setq user-mail-address "jonas@lindqvist.se"
      user-full-name "Jonas Lindqvist")
