;;; init.el --- Gnus user: the Gnus settings live in gnus.el  -*- lexical-binding: t -*-

(defconst my-addresses '("hamid@rostami.ir" "h.rostami@sharif.edu" "hamid.rostami@posteo.de"))

(setq user-full-name "Hamid Rostami"
      user-mail-address (car my-addresses)
      mail-user-agent 'gnus-user-agent
      read-mail-command 'gnus)

;; Gnus reads this file itself when it starts.
(setq gnus-init-file (expand-file-name "gnus.el" user-emacs-directory)
      gnus-home-directory (expand-file-name "gnus/" user-emacs-directory)
      gnus-directory (expand-file-name "news/" gnus-home-directory)
      message-directory (expand-file-name "mail/" gnus-home-directory))

(setq message-alternative-emails (regexp-opt (cdr my-addresses))
      message-dont-reply-to-names (mapcar #'regexp-quote my-addresses))

(setq gnus-posting-styles
      `((".*"
         (address ,user-mail-address)
         (signature-file "~/.signature"))
        ("sharif"
         (address ,(nth 1 my-addresses))
         ("X-Message-SMTP-Method" "smtp smtp.sharif.edu 587"))
        ("posteo"
         (address ,(nth 2 my-addresses))
         ("X-Message-SMTP-Method" ,(format "smtp %s %d %s" "posteo.de" 587 "hamid.rostami@posteo.de")))))

(with-eval-after-load 'smtpmail
  (setq smtpmail-smtp-server "smtp.rostami.ir"
        smtpmail-smtp-service 587
        smtpmail-stream-type 'starttls))
(setq send-mail-function 'smtpmail-send-it
      message-send-mail-function 'message-use-send-mail-function)

(global-set-key (kbd "C-x m") 'gnus-msg-mail)
(add-hook 'gnus-group-mode-hook 'gnus-topic-mode)
(add-hook 'message-mode-hook 'flyspell-mode)
